"""Findings of several files as SARIF 2.1.0, JUnit XML or GitHub workflow commands.

These are the formats continuous integration reads: SARIF for code-scanning views, JUnit
for test reports, GitHub Actions workflow commands for annotations on a pull request.
Each finding points at the line of the file where its element (its first step or handoff,
or its column) is defined; a finding about the whole blueprint points at line 1.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from .diff import id_lines
from .validate import RULES, Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


@dataclass
class FileReport:
    """What validating one file gave: its findings and the line of each element, or the
    message of a file that could not be loaded."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    load_error: str | None = None
    load_line: int | None = None

    @classmethod
    def of_text(cls, path: str, text: str, findings: list[Finding]) -> FileReport:
        return cls(path, findings, id_lines(text))

    def line_of(self, finding: Finding) -> int:
        element = self.element_of(finding)
        return self.lines.get(element, 1) if element else 1

    def element_of(self, finding: Finding) -> str | None:
        ids = finding.handoffs or finding.steps or finding.columns
        return ids[0] if ids else None


def sarif(reports: list[FileReport]) -> str:
    rules = [
        {
            "id": code,
            "name": code,
            "shortDescription": {"text": rule.description},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "help": {"text": f"{rule.description} See docs/checks.md, '{code}'."},
            "properties": {"contract": rule.contract},
        }
        for code, rule in RULES.items()
    ]
    index = {code: n for n, code in enumerate(RULES)}
    results = []
    notifications = []
    for report in reports:
        if report.load_error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": report.load_error},
                    "locations": [_location(report.path, report.load_line or 1, None)],
                }
            )
            continue
        for f in report.findings:
            result = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [_location(report.path, report.line_of(f), report.element_of(f))],
                "properties": {"steps": list(f.steps), "handoffs": list(f.handoffs)},
            }
            results.append(result)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "blueprint-editor", "version": __version__, "rules": rules}},
        "results": results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    else:
        run["invocations"] = [{"executionSuccessful": True}]
    return (
        json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False)
        + "\n"
    )


def _location(path: str, line: int, element: str | None) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": {"startLine": line}}
    }
    if element:
        location["logicalLocations"] = [{"name": element, "kind": "element"}]
    return location


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/:._-~")


def _clean(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return "".join(
        ch
        if ch in "\t\n\r" or (" " <= ch <= "\ud7ff") or ("\ue000" <= ch <= "\ufffd") or ch > "\uffff"
        else "\ufffd"
        for ch in text
    )


def _xml_text(text: str) -> str:
    return escape(_clean(text))


def _attr(text: str) -> str:
    return quoteattr(_clean(text))


def junit(reports: list[FileReport]) -> str:
    """One test suite per file, one test case per rule (and one for loading the file): a
    rule fails when it gave an error or warning finding; info findings are listed in the
    case's output."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    total = sum(len(RULES) if r.load_error is None else 1 for r in reports)
    failures = sum(1 for r in reports if r.load_error is None for code in RULES if _failing(r, code))
    errors = sum(1 for r in reports if r.load_error is not None)
    out.append(
        f'<testsuites name="blueprint-editor validate" tests="{total}" '
        f'failures="{failures}" errors="{errors}">'
    )
    for r in reports:
        if r.load_error is not None:
            out.append(f'  <testsuite name={_attr(r.path)} tests="1" failures="0" errors="1">')
            out.append(f'    <testcase classname={_attr(r.path)} name="load">')
            out.append(f"      <error message={_attr(r.load_error)}/>")
            out.append("    </testcase>")
            out.append("  </testsuite>")
            continue
        failed = sum(1 for code in RULES if _failing(r, code))
        out.append(f'  <testsuite name={_attr(r.path)} tests="{len(RULES)}" failures="{failed}" errors="0">')
        for code in RULES:
            found = [f for f in r.findings if f.code == code]
            out.append(f"    <testcase classname={_attr(r.path)} name={_attr(code)}>")
            if _failing(r, code):
                lines = "\n".join(f"{r.path}:{r.line_of(f)}: {f.severity}: {f.message}" for f in found)
                bad = [f for f in found if f.severity != "info"]
                out.append(
                    f'      <failure type="{bad[0].severity}" message='
                    f"{_attr(f'{len(bad)} finding(s): {bad[0].message}')}>"
                    f"{_xml_text(lines)}</failure>"
                )
            elif found:
                lines = "\n".join(f"{r.path}:{r.line_of(f)}: info: {f.message}" for f in found)
                out.append(f"      <system-out>{_xml_text(lines)}</system-out>")
            out.append("    </testcase>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


def _failing(report: FileReport, code: str) -> bool:
    return any(f.code == code and f.severity != "info" for f in report.findings)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github(reports: list[FileReport]) -> str:
    """GitHub Actions workflow commands: one annotation per finding (errors and warnings as
    such, info as a notice) and one error per file that could not be loaded."""
    out = []
    for r in reports:
        if r.load_error is not None:
            out.append(
                f"::error file={_gh_property(r.path)},line={r.load_line or 1},"
                f"title=cannot load::{_gh_data(r.load_error)}"
            )
            continue
        for f in r.findings:
            out.append(
                f"::{_GITHUB_COMMAND[f.severity]} file={_gh_property(r.path)},"
                f"line={r.line_of(f)},title={_gh_property(f.code)}::"
                f"{_gh_data(f.message)}"
            )
    return "".join(line + "\n" for line in out)


FORMATS = {"sarif": sarif, "junit": junit, "github": github}
