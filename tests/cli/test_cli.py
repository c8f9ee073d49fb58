"""The command line: exit statuses, one-line errors without tracebacks, --json shape,
schema output, JSON export. In-process through ``main([...])`` and, for the real entry
point, ``python -m blueprint_editor`` in a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

from blueprint_editor import __version__
from blueprint_editor.cli import main
from blueprint_editor.core.io import dumps, load_path, save_path
from blueprint_editor.core.schema import json_schema
from blueprint_editor.core.validate import validate
from blueprint_editor.resources import resource
from factories import clean_blueprint

FINDING_LINE = re.compile(r"^(?P<path>.+): (?P<severity>error|warning|info) (?P<code>[a-z0-9-]+): .+$")


@pytest.fixture
def files(tmp_path, sample_blueprint):
    clean, warned, bad = (
        tmp_path / "clean.blueprint",
        tmp_path / "warned.blueprint",
        tmp_path / "bad.blueprint",
    )
    save_path(clean_blueprint(), clean)
    save_path(sample_blueprint, warned)
    bad.write_text('{"format": "service-blueprint", "version": 1,\n "steps": [}', encoding="utf-8")
    return types.SimpleNamespace(clean=str(clean), warned=str(warned), bad=str(bad), tmp=tmp_path)


def run_main(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "usage:" not in err


def run_module(*args, cwd=None):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "blueprint_editor", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=cwd,
    )


# ------------------------------------------------------------------ validate
def test_validate_clean_file_exits_0(capsys, files):
    assert not [f for f in validate(load_path(files.clean)) if f.severity != "info"]
    code, out, err = run_main(capsys, "validate", files.clean)
    assert code == 0 and err == ""
    assert out.splitlines()[-1].startswith(f"{files.clean}: ")
    assert not [line for line in out.splitlines() if " warning " in line or " error " in line]


def test_validate_with_warnings_exits_1_and_prints_one_line_per_finding(capsys, files):
    findings = validate(load_path(files.warned))
    assert any(f.severity == "warning" for f in findings)
    code, out, err = run_main(capsys, "validate", files.warned)
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert len(lines) == len(findings) + 1
    for line, finding in zip(lines, findings, strict=False):  # lines end with a summary
        match = FINDING_LINE.match(line)
        assert match, line
        assert (match["path"], match["severity"], match["code"]) == (
            files.warned,
            finding.severity,
            finding.code,
        )
    assert lines[-1].startswith(f"{files.warned}: {len(findings)} findings (")


def test_validate_json_is_exactly_the_contract_document(capsys, files):
    code, out, err = run_main(capsys, "validate", "--json", files.clean, files.warned)
    assert code == 1 and err == ""
    document = json.loads(out)
    assert list(document) == ["files"]
    assert [f["path"] for f in document["files"]] == [files.clean, files.warned]
    for entry, path in zip(document["files"], (files.clean, files.warned), strict=True):
        assert list(entry) == ["path", "findings"]
        assert entry["findings"] == [f.to_json() for f in validate(load_path(path))]
        for finding in entry["findings"]:
            assert list(finding) == ["code", "severity", "message", "steps", "handoffs"]
            assert finding["severity"] in ("error", "warning", "info")
            assert all(isinstance(i, str) for i in finding["steps"] + finding["handoffs"])


def test_validate_reports_the_good_files_when_one_is_bad(capsys, files):
    code, out, err = run_main(capsys, "validate", files.clean, files.bad, files.warned)
    assert code == 2
    assert_one_line_error(err)
    assert err.startswith(f"{files.bad}: error: line 2, column 12: ")
    assert f"{files.clean}: " in out and f"{files.warned}: " in out and files.bad not in out
    code, out, err = run_main(capsys, "validate", "--json", files.bad, files.clean)
    assert code == 2 and [f["path"] for f in json.loads(out)["files"]] == [files.clean]
    assert_one_line_error(err)


@pytest.mark.parametrize(
    "content, where",
    [
        (b"", "line 1, column 1"),
        (b"\xff\xfe{}", "line 1, column 1"),
        (b'{"format": "service-blueprint", "version": 1, "title": NaN}', "line 1, column 56"),
        (b"[1, 2]", "top level"),
        (b'{"format": "service-blueprint", "version": 3}', "newer version of blueprint-editor"),
        (b'{"format": "service-blueprint", "version": 1, "titel": ""}', "titel: unknown key"),
        (
            b'{"format": "service-blueprint", "version": 1, "lanes": [{"id": "a b", "kind": "note",'
            b' "title": ""}]}',
            "lanes[0].id: ",
        ),
    ],
)
def test_bad_files_exit_2_with_one_line_naming_the_place(capsys, tmp_path, content, where):
    path = tmp_path / "x.blueprint"
    path.write_bytes(content)
    code, out, err = run_main(capsys, "validate", str(path))
    assert code == 2 and out == ""
    assert_one_line_error(err)
    assert err.startswith(f"{path}: error: ") and where in err


def test_missing_file_exits_2(capsys, tmp_path):
    code, out, err = run_main(capsys, "validate", str(tmp_path / "nope.blueprint"))
    assert code == 2
    assert_one_line_error(err)
    assert "no such file" in err


def test_unexpected_exception_is_one_line(capsys, files, monkeypatch):
    import blueprint_editor.core.validate as validate_module

    def broken(bp):
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr(validate_module, "validate", broken)
    code, out, err = run_main(capsys, "validate", files.clean)
    assert code == 2
    assert_one_line_error(err)
    assert "RuntimeError: something unexpected" in err


# ------------------------------------------------------------------ usage errors
@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "--frobnicate", "x"],
        ["export", "x.blueprint"],
        ["export", "x.blueprint", "-o", "y.png", "--scale", "0"],
        ["export", "x.blueprint", "-o", "y.png", "--scale", "big"],
        ["export", "x.blueprint", "-o", "y.png", "--scale", "nan"],
        ["schema", "extra"],
        ["--no-such-option"],
        ["a.blueprint", "b.blueprint"],
    ],
)
def test_usage_errors_exit_2_with_one_line(capsys, args):
    code, out, err = run_main(capsys, *args)
    assert code == 2 and out == ""
    assert_one_line_error(err)
    assert err.startswith("blueprint-editor: error: ")


def test_version_and_help(capsys):
    assert run_main(capsys, "--version") == (0, f"blueprint-editor {__version__}\n", "")
    code, out, err = run_main(capsys, "--help")
    assert code == 0 and "validate" in out and "export" in out and "schema" in out
    code, out, err = run_main(capsys, "export", "--help")
    assert code == 0 and "--scale" in out and "--transparent" in out


# ------------------------------------------------------------------ schema
def test_schema_prints_the_committed_schema(capsys):
    code, out, err = run_main(capsys, "schema")
    assert code == 0 and err == ""
    assert json.loads(out) == json_schema()
    assert out == resource("blueprint.schema.json").read_text(encoding="utf-8")


# ------------------------------------------------------------------ export
def test_export_json_is_normalised_and_loadable(capsys, files, sample_blueprint):
    messy = files.tmp / "messy.json"
    messy.write_text(json.dumps(json.loads(dumps(sample_blueprint)), sort_keys=True), encoding="utf-8")
    out = files.tmp / "out.json"
    code, stdout, err = run_main(capsys, "export", str(messy), "-o", str(out))
    assert (code, err) == (0, "")
    assert out.read_text(encoding="utf-8") == dumps(sample_blueprint)
    assert load_path(out) == sample_blueprint


def test_export_of_a_bad_file_writes_nothing(capsys, files):
    out = files.tmp / "out.json"
    code, _, err = run_main(capsys, "export", files.bad, "-o", str(out))
    assert code == 2 and not out.exists()
    assert_one_line_error(err)


@pytest.mark.parametrize("name", ["out.gif", "out", "out.blueprint.txt"])
def test_export_unknown_suffix_exits_2_and_keeps_the_old_file(capsys, files, name):
    out = files.tmp / name
    out.write_bytes(b"old")
    code, _, err = run_main(capsys, "export", files.clean, "-o", str(out))
    assert code == 2 and out.read_bytes() == b"old"
    assert_one_line_error(err)
    assert ".png, .svg, .pdf, .json, .csv, .tsv, .xlsx, .drawio, .mmd, .md" in err


def test_export_json_to_a_missing_folder_exits_2(capsys, files):
    code, _, err = run_main(capsys, "export", files.clean, "-o", str(files.tmp / "no" / "such" / "out.json"))
    assert code == 2
    assert_one_line_error(err)
    assert "cannot write" in err and ".tmp" not in err


def fake_module(monkeypatch, name, **attrs):
    module = types.ModuleType(name)
    module.__dict__.update(attrs)
    monkeypatch.setitem(sys.modules, name, module)
    return module


@pytest.mark.parametrize("suffix", [".png", ".SVG", ".pdf"])
def test_export_pictures_go_to_the_qt_exporter(capsys, files, monkeypatch, suffix):
    calls = []

    def export_blueprint(bp, out, scale=None, transparent=False, theme="light"):
        calls.append((bp, out, scale, transparent, theme))

    class ExportError(Exception):
        pass

    fake_module(
        monkeypatch,
        "blueprint_editor.qt.export.render",
        export_blueprint=export_blueprint,
        ExportError=ExportError,
    )
    out = files.tmp / f"pic{suffix}"
    assert run_main(capsys, "export", files.clean, "-o", str(out), "--scale", "1.5", "--transparent") == (
        0,
        "",
        "",
    )
    assert run_main(capsys, "export", files.clean, "-o", str(out)) == (0, "", "")
    assert [(c[1], c[2], c[3]) for c in calls] == [(out, 1.5, True), (out, None, False)]
    assert calls[0][0] == load_path(files.clean)
    assert run_main(capsys, "export", files.clean, "-o", str(out), "--theme", "projector") == (0, "", "")
    assert [c[4] for c in calls] == ["light", "light", "projector"]


def test_export_error_of_the_renderer_is_one_line(capsys, files, monkeypatch):
    class ExportError(Exception):
        pass

    def export_blueprint(bp, out, scale=None, transparent=False, theme="light"):
        raise ExportError("the picture would be too large")

    fake_module(
        monkeypatch,
        "blueprint_editor.qt.export.render",
        export_blueprint=export_blueprint,
        ExportError=ExportError,
    )
    code, _, err = run_main(capsys, "export", files.clean, "-o", str(files.tmp / "x.png"))
    assert code == 2
    assert_one_line_error(err)
    assert "too large" in err


def test_export_without_the_qt_exporter_exits_2(capsys, files, monkeypatch):
    monkeypatch.setitem(sys.modules, "PySide6.QtWidgets", None)  # no Qt libraries here
    code, _, err = run_main(capsys, "export", files.clean, "-o", str(files.tmp / "x.png"))
    assert code == 2
    assert_one_line_error(err)
    assert "not available" in err


# ------------------------------------------------------------------ the editor window
def test_no_command_opens_the_editor(capsys, monkeypatch):
    opened = []
    fake_module(monkeypatch, "blueprint_editor.qt.app.launch", run=lambda path=None: opened.append(path) or 7)
    assert run_main(capsys, "hotel.blueprint") == (7, "", "")
    assert run_main(capsys) == (7, "", "")
    assert run_main(capsys, "./validate") == (7, "", "")
    assert opened == ["hotel.blueprint", None, "./validate"]


def test_editor_unavailable_exits_2_with_one_line(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "PySide6.QtWidgets", None)  # no Qt libraries here
    code, out, err = run_main(capsys, "hotel.blueprint")
    assert code == 2
    assert_one_line_error(err)
    assert "not available" in err


# ------------------------------------------------------------------ the real entry point
def test_module_entry_point(files):
    result = run_module("validate", "--json", files.warned)
    assert result.returncode == 1 and result.stderr == ""
    assert json.loads(result.stdout)["files"][0]["path"] == files.warned
    result = run_module("validate", files.clean, files.bad)
    assert result.returncode == 2
    assert_one_line_error(result.stderr)
    assert files.clean in result.stdout
    result = run_module("schema")
    assert result.returncode == 0 and json.loads(result.stdout)["title"] == "Service blueprint"
    result = run_module("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"blueprint-editor {__version__}")


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{missing}"],
        ["validate", "{bad}"],
        ["export", "{bad}", "-o", "{tmp}/o.json"],
        ["export", "{clean}", "-o", "{tmp}/o.gif"],
        ["validate"],
        ["bogus", "--what"],
    ],
)
def test_module_bad_input_exits_2_without_traceback(files, args):
    values = {
        "missing": str(files.tmp / "missing.blueprint"),
        "bad": files.bad,
        "clean": files.clean,
        "tmp": str(files.tmp),
    }
    result = run_module(*[a.format(**values) for a in args])
    assert result.returncode == 2
    assert_one_line_error(result.stderr)


def test_command_line_work_needs_no_qt(files):
    code = (
        "import sys\n"
        "from blueprint_editor.cli import main\n"
        f"assert main(['validate', {files.warned!r}]) == 1\n"
        f"assert main(['export', {files.clean!r}, '-o', {str(files.tmp / 'o.json')!r}]) == 0\n"
        "assert main(['schema']) == 0\n"
        "qt = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "print('QT', qt, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "QT []"
    assert Path(files.tmp / "o.json").exists()
