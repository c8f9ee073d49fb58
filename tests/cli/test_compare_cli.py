"""diff, merge and validate --format on the command line; the git drivers in a real repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import blueprint_editor
from blueprint_editor.cli import main
from blueprint_editor.core.io import load_path
from blueprint_editor.resources import resource

EXAMPLES = sorted(resource("examples").glob("*.blueprint"))
HOTEL = resource("examples", "hotel-stay.blueprint")


def edited(tmp_path: Path, name: str, change) -> Path:
    data = json.loads(HOTEL.read_text(encoding="utf-8"))
    change(data)
    out = tmp_path / name
    out.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return out


def retitle(data):
    data["steps"][0]["title"] = "Renamed step"


def test_diff_exit_statuses_and_formats(tmp_path, capsys):
    new = edited(tmp_path, "new.blueprint", retitle)
    assert main(["diff", str(HOTEL), str(HOTEL)]) == 0
    capsys.readouterr()
    assert main(["diff", str(HOTEL), str(new)]) == 1
    text = capsys.readouterr().out
    assert '~ step ev-website "Renamed step" changed:' in text
    assert 'title: "Hotel website and booking page" -> "Renamed step"' in text
    assert main(["diff", str(HOTEL), str(new), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["changes"] == [
        {
            "kind": "changed",
            "collection": "steps",
            "id": "ev-website",
            "title": "Renamed step",
            "fields": [{"name": "title", "old": "Hotel website and booking page", "new": "Renamed step"}],
        }
    ]
    assert main(["diff", str(HOTEL), str(new), "--format", "markdown"]) == 1
    md = capsys.readouterr().out
    assert md.startswith("### Blueprint changes") and "| ~ | step `ev-website`" in md


def test_diff_of_a_bad_file_is_exit_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.blueprint"
    bad.write_text("{", encoding="utf-8")
    assert main(["diff", str(HOTEL), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.blueprint" in err and "Traceback" not in err
    assert main(["diff", str(HOTEL)]) == 2


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_golden_diff_of_each_example_against_an_edited_copy(example, tmp_path, capsys):
    data = json.loads(example.read_text(encoding="utf-8"))
    data["steps"][0]["title"] = "Golden rename"
    moved = data["steps"][1]
    moved["column"] = data["columns"][-1]["id"]
    gone = data["handoffs"].pop()
    new = tmp_path / "new.blueprint"
    new.write_text(json.dumps(data), encoding="utf-8")
    assert main(["diff", str(example), str(new)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"--- {example}" and lines[1] == f"+++ {new}"
    assert f'> step {moved["id"]} "{moved["title"]}" moved: ' in "\n".join(lines)
    assert any(line.startswith(f"- handoff {gone['id']}") for line in lines)
    assert any(line.startswith(f'~ step {data["steps"][0]["id"]} "Golden rename"') for line in lines)


def test_merge_clean_and_conflicting(tmp_path, capsys):
    ours = edited(tmp_path, "ours.blueprint", retitle)
    theirs = edited(tmp_path, "theirs.blueprint", lambda d: d["steps"][1].__setitem__("owner", "Theirs"))
    out = tmp_path / "out.blueprint"
    assert main(["merge", str(HOTEL), str(ours), str(theirs), "-o", str(out)]) == 0
    merged = load_path(out)
    assert merged.steps[0].title == "Renamed step" and merged.steps[1].owner == "Theirs"
    both = edited(tmp_path, "both.blueprint", lambda d: d["steps"][0].__setitem__("title", "Theirs rename"))
    capsys.readouterr()
    assert main(["merge", str(HOTEL), str(ours), str(both), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "conflict in step ev-website" in err[0]
    assert load_path(out).steps[0].title == "Renamed step"


def test_merge_of_a_bad_file_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.blueprint"
    bad.write_text("[]", encoding="utf-8")
    out = tmp_path / "out.blueprint"
    assert main(["merge", str(HOTEL), str(bad), str(HOTEL), "-o", str(out)]) == 2
    assert not out.exists()


def test_validate_sarif_structure(capsys):
    assert main(["validate", *map(str, EXAMPLES), "--format", "sarif"]) == 1
    sarif = json.loads(capsys.readouterr().out)
    assert sarif["version"] == "2.1.0" and "sarif-2.1.0" in sarif["$schema"]
    [run] = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "blueprint-editor"
    assert all({"id", "shortDescription", "defaultConfiguration"} <= set(r) for r in rules)
    assert run["results"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        [location] = result["locations"]
        physical = location["physicalLocation"]
        path = physical["artifactLocation"]["uri"]
        line = physical["region"]["startLine"]
        text = Path(path).read_text(encoding="utf-8").splitlines()
        element = location.get("logicalLocations", [{}])[0].get("name")
        if element:  # the line is where that element is defined
            assert f'"id": "{element}"' in text[line - 1]


def test_validate_junit_and_github(tmp_path, capsys):
    bad = tmp_path / "bad.blueprint"
    bad.write_text('{"format": "service-blueprint"}', encoding="utf-8")
    assert main(["validate", str(HOTEL), str(bad), "--format", "junit"]) == 2
    out = capsys.readouterr().out
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(HOTEL), str(bad)]
    hotel_cases = suites[0].findall("testcase")
    assert len(hotel_cases) > 5 and all(c.get("classname") == str(HOTEL) for c in hotel_cases)
    assert suites[1].find("testcase/error") is not None
    failing = {c.get("name") for c in hotel_cases if c.find("failure") is not None}
    from blueprint_editor.core.validate import validate

    warned = {f.code for f in validate(load_path(HOTEL)) if f.severity != "info"}
    assert failing == warned
    assert main(["validate", str(HOTEL), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(
        line.startswith(("::warning file=", "::notice file=", "::error file=")) for line in lines
    )
    assert all(",line=" in line and ",title=" in line for line in lines)


def test_validate_json_short_form_is_unchanged(capsys):
    main(["validate", str(HOTEL), "--json"])
    short = capsys.readouterr().out
    main(["validate", str(HOTEL), "--format", "json"])
    assert capsys.readouterr().out == short
    assert main(["validate", str(HOTEL), "--json", "--format", "sarif"]) == 2


def _git(repo: Path, *args: str) -> str:
    # the drivers git starts run this checkout's code, whatever the working folder
    env = dict(os.environ, PYTHONPATH=str(Path(blueprint_editor.__file__).parents[1]))
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_git_diff_and_merge_drivers(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    cli = f"{sys.executable} -m blueprint_editor"
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.name", "Test")
    _git(repo, "config", "user.email", "test@example.org")
    (repo / ".gitattributes").write_text("*.blueprint diff=blueprint merge=blueprint\n")
    _git(repo, "config", "diff.blueprint.textconv", f"{cli} diff --textconv")
    _git(repo, "config", "merge.blueprint.driver", f"{cli} merge %O %A %B -o %A")
    _git(repo, "config", "merge.blueprint.name", "blueprint three-way merge")
    shutil.copy(HOTEL, repo / "hotel.blueprint")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")
    data = json.loads(HOTEL.read_text(encoding="utf-8"))
    data["steps"][0]["title"] = "Ours title"
    (repo / "hotel.blueprint").write_text(json.dumps(data, indent=2))
    shown = _git(repo, "diff")
    assert '-step ev-website in evidence/c1 "Hotel website and booking page"' in shown
    assert '+step ev-website in evidence/c1 "Ours title"' in shown
    _git(repo, "commit", "-qam", "ours")
    assert '+step ev-website in evidence/c1 "Ours title"' in _git(repo, "log", "-p", "-1")
    # external driver form: git diff with diff.blueprint.command
    _git(repo, "config", "diff.blueprint.command", f"{cli} diff")
    ext = _git(repo, "diff", "HEAD~1", "HEAD")
    assert '~ step ev-website "Ours title" changed:' in ext
    _git(repo, "config", "--unset", "diff.blueprint.command")
    # a side branch changes another step; the merge driver combines both
    _git(repo, "checkout", "-q", "-b", "side", "HEAD~1")
    side = json.loads(HOTEL.read_text(encoding="utf-8"))
    side["steps"][1]["owner"] = "Side owner"
    (repo / "hotel.blueprint").write_text(json.dumps(side, indent=2))
    _git(repo, "commit", "-qam", "side")
    _git(repo, "checkout", "-q", "main")
    _git(repo, "merge", "-q", "--no-edit", "side")
    merged = load_path(repo / "hotel.blueprint")
    assert merged.steps[0].title == "Ours title" and merged.steps[1].owner == "Side owner"
