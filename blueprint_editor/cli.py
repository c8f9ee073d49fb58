"""The ``blueprint-editor`` command.

::

    blueprint-editor [FILE]                          open the editor (FILE or a new blueprint)
    blueprint-editor validate FILE... [--json | --format text|json|sarif|junit|github]
                                                     check files; exit 0 clean, 1 findings, 2 bad file
    blueprint-editor diff OLD NEW [--format text|json|markdown]
                                                     what changed; exit 0 same, 1 differences
    blueprint-editor merge BASE OURS THEIRS -o OUT   three-way merge; exit 0 clean, 1 conflicts
    blueprint-editor export FILE -o OUT [--scale S] [--transparent] [--theme T]
        [--paper P [--landscape] [--tiles T | --pages]] [--tile-size WxH]
                                                     paper, tiles: see cli_print
    blueprint-editor schema                          print the JSON Schema of the format
    blueprint-editor import IN -o OUT.blueprint      read .csv, .tsv, .xlsx (one row per step,
                                                     or a grid of lanes) or .drawio
    blueprint-editor --version

Every bad input (a file that cannot be loaded, a wrong option, an unwritable output)
ends with exit status 2 and one line on stderr, never a traceback. The first argument
picks a command when it is ``validate``, ``export`` or ``schema``; to open a file with one
of these names, write ``./validate``.

``validate --json`` prints exactly the document of the format contract,
``{"files": [{"path", "findings": [...]}]}``; a file that cannot be loaded is left out of
it and reported on stderr (and the exit status is 2).

Qt is imported only for the editor window and for PNG/SVG/PDF export.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from blueprint_editor import __version__
from blueprint_editor.cli_compare import GIT_EXTERNAL_ARGS, cmd_diff, cmd_merge
from blueprint_editor.cli_interchange import EXPORT_SUFFIXES, cmd_import, export_data
from blueprint_editor.cli_print import add_print_arguments, cmd_export_print, wants_print

PROG = "blueprint-editor"
COMMANDS = ("validate", "export", "schema", "diff", "merge", "import")
#: ``export --theme``: the themes of qt/canvas/themes.py
EXPORT_THEMES = ("light", "dark", "projector")
RENDERED_SUFFIXES = (".png", ".svg", ".pdf")
VALIDATE_FORMATS = ("text", "json", "sarif", "junit", "github")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (no usage dump, no exit)."""

    def error(self, message: str):  # type: ignore[override,unused-ignore]
        raise _UsageError(f"{message} (try '{self.prog} --help')")


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _err(message: str) -> None:
    print(_one_line(message), file=sys.stderr)


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {text!r}")
    return value


def _gui_parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        usage=f"{PROG} [-h] [--version] [FILE] | {PROG} {{{','.join(COMMANDS)}}} ...",
        description="An offline desktop editor for service blueprints, with automatic checks.",
        epilog="commands (run '%(prog)s COMMAND --help' for details):\n"
        "  validate FILE... [--format F]    check blueprint files (text, json, sarif,\n"
        "                                  junit, github)\n"
        "  diff OLD NEW [--format F]       what changed between two blueprints\n"
        "  merge BASE OURS THEIRS -o OUT   three-way merge (a git merge driver)\n"
        "  export FILE -o OUT [--scale S]  write PNG, SVG, PDF or normalised JSON\n"
        "  schema                          print the JSON Schema of the file format\n"
        "  import IN -o OUT.blueprint      read a spreadsheet (.csv .tsv .xlsx) or .drawio",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("file", nargs="?", metavar="FILE", help="a blueprint to open")
    return parser


def _command_parser() -> _Parser:
    parser = _Parser(prog=PROG)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    validate = sub.add_parser(
        "validate",
        help="check blueprint files",
        description="Check blueprint files. Exit status 0: no error or "
        "warning; 1: some error or warning; 2: a file could not be loaded.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE")
    how = validate.add_mutually_exclusive_group()
    how.add_argument(
        "--json",
        action="store_const",
        const="json",
        dest="format",
        help="print one JSON document (short for --format json)",
    )
    how.add_argument(
        "--format",
        choices=VALIDATE_FORMATS,
        default="text",
        help="text (default), json, sarif (SARIF 2.1.0), junit (JUnit XML) or "
        "github (GitHub Actions workflow commands)",
    )
    export = sub.add_parser(
        "export",
        help="export a blueprint",
        description="Export a blueprint. OUT's suffix picks the format: "
        ".png, .svg, .pdf, .json (the normalised file), .csv, .tsv, .xlsx "
        "(one row per step), .drawio, .mmd (Mermaid) or .md (a report).",
    )
    export.add_argument("file", metavar="FILE")
    export.add_argument("-o", "--output", required=True, metavar="OUT")
    export.add_argument(
        "--scale",
        type=_scale,
        default=None,
        metavar="S",
        help="PNG pixels per point (default: the editor's default)",
    )
    export.add_argument("--transparent", action="store_true", help="no background fill (PNG, SVG, PDF)")
    export.add_argument(
        "--theme",
        choices=EXPORT_THEMES,
        default="light",
        help="colours of the picture: light (default), dark, or projector "
        "(high contrast, thicker lines, larger text)",
    )
    add_print_arguments(export)
    sub.add_parser(
        "schema",
        help="print the JSON Schema of the file format",
        description="Print the JSON Schema of the blueprint file format.",
    )
    diff = sub.add_parser(
        "diff",
        help="what changed between two blueprints",
        description="Show what changed from OLD to NEW, by element id, and "
        "which findings appeared or went away. Exit status 0: same content; "
        "1: differences; 2: a file could not be loaded.",
    )
    diff.add_argument(
        "files",
        nargs="+",
        metavar="OLD NEW",
        help="the two blueprints (or the seven arguments git passes a diff driver)",
    )
    diff.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    diff.add_argument(
        "--textconv", action="store_true", help="print one FILE as one line per element (for git's textconv)"
    )
    merge = sub.add_parser(
        "merge",
        help="three-way merge of blueprints",
        description="Merge THEIRS into OURS since their common BASE and write "
        "OUT (usable as a git merge driver). Exit status 0: merged cleanly; "
        "1: conflicts (OUT keeps OURS there; each conflict is listed on "
        "stderr and recorded as a note comment); 2: a file could not be "
        "loaded or OUT could not be written.",
    )
    merge.add_argument("base", metavar="BASE")
    merge.add_argument("ours", metavar="OURS")
    merge.add_argument("theirs", metavar="THEIRS")
    merge.add_argument("-o", "--output", required=True, metavar="OUT")
    imp = sub.add_parser(
        "import",
        help="import a spreadsheet or draw.io file",
        description="Import IN as a blueprint: .csv, .tsv or .xlsx (one row "
        "per step, headers matched loosely, or a grid whose rows are lanes) "
        "or .drawio (horizontal swimlanes). What was guessed is said on "
        "stderr. Exit status 2 and nothing written when IN cannot be read.",
    )
    imp.add_argument("file", metavar="IN")
    imp.add_argument("-o", "--output", required=True, metavar="OUT")
    return parser


# -------------------------------------------------------------------- commands
def _load(path: str):
    from blueprint_editor.core.io import load_path

    return load_path(path)


def _summary(findings) -> str:
    if not findings:
        return "no findings"
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    parts = []
    for severity, count in counts.items():
        if count:
            noun = severity if severity == "info" or count == 1 else severity + "s"
            parts.append(f"{count} {noun}")
    total = len(findings)
    return f"{total} finding{'s' if total != 1 else ''} ({', '.join(parts)})"


def cmd_validate(files: Sequence[str], fmt: str = "text") -> int:
    from blueprint_editor.core.findings_report import FORMATS, FileReport
    from blueprint_editor.core.io import LoadError, load_path
    from blueprint_editor.core.validate import validate

    status = 0
    reports = []
    for path in files:
        try:
            bp = load_path(path)
        except LoadError as exc:
            _err(f"{path or chr(34) * 2}: error: {exc}")
            status = 2
            reports.append(FileReport(path, load_error=_one_line(exc), load_line=exc.line))
            continue
        findings = validate(bp)
        if status < 2 and any(f.severity in ("error", "warning") for f in findings):
            status = 1
        if fmt in FORMATS:
            reports.append(FileReport.of_text(path, _read_text(path), findings))
        elif fmt == "json":
            reports.append(FileReport(path, findings))
        else:
            for f in findings:
                print(f"{path}: {f.severity} {f.code}: {_one_line(f.message)}")
            print(f"{path}: {_summary(findings)}")
    if fmt == "json":  # the contract's document: files that could not be loaded left out
        print(
            json.dumps(
                {
                    "files": [
                        {"path": r.path, "findings": [f.to_json() for f in r.findings]}
                        for r in reports
                        if r.load_error is None
                    ]
                },
                indent=2,
            )
        )
    elif fmt in FORMATS:
        sys.stdout.write(FORMATS[fmt](reports))
    return status


def _read_text(path: str) -> str:
    """The text of a file that just loaded (for the line of each element)."""
    return Path(path).read_bytes().decode("utf-8-sig", errors="replace")


def cmd_export(file: str, output: str, scale: float | None, transparent: bool, theme: str = "light") -> int:
    out = Path(output)
    suffix = out.suffix.lower()
    if suffix != ".json" and suffix not in RENDERED_SUFFIXES and suffix not in EXPORT_SUFFIXES:
        _err(
            f"{output}: cannot export to {suffix or 'a file without a suffix'!s}; use .png, "
            f".svg, .pdf, .json, {', '.join(EXPORT_SUFFIXES)}"
        )
        return 2
    bp = _load(file)
    if suffix in EXPORT_SUFFIXES:
        try:
            export_data(bp, output)
        except OSError as exc:
            _err(f"{output}: error: cannot write the file ({exc.strerror or exc})")
            return 2
        return 0
    if suffix == ".json":
        from blueprint_editor.core.io import save_path

        try:
            save_path(bp, out)
        except OSError as exc:
            _err(f"{output}: error: cannot write the file ({exc.strerror or exc})")
            return 2
        return 0
    qt_missing = _qt_missing()
    if qt_missing:
        _err(f"export to {suffix} is not available: the Qt renderer cannot be loaded ({qt_missing})")
        return 2
    from blueprint_editor.qt.export.render import ExportError, export_blueprint

    try:
        export_blueprint(bp, out, scale=scale, transparent=transparent, theme=theme)
    except ExportError as exc:
        _err(f"{output}: error: {exc}")
        return 2
    return 0


def cmd_schema() -> int:
    from blueprint_editor.core.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def _qt_missing() -> str:
    """Why Qt cannot be loaded here (a headless machine without its libraries), or ""."""
    try:
        import PySide6.QtWidgets  # noqa: F401 - the third-party libraries only
    except ImportError as exc:
        return str(exc)
    return ""


def cmd_gui(path: str | None) -> int:
    qt_missing = _qt_missing()
    if qt_missing:
        _err(
            f"the editor window is not available: {qt_missing} "
            "(the command line still works: validate, export to .json, schema)"
        )
        return 2
    from blueprint_editor.qt.app.launch import run

    return run(path)


# ------------------------------------------------------------------------ main
def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        args = _command_parser().parse_args(argv)
        if args.command == "validate":
            return cmd_validate(args.files, args.format)
        if args.command == "diff":
            wanted = (1,) if args.textconv else (2, GIT_EXTERNAL_ARGS)
            if len(args.files) not in wanted:
                raise _UsageError(
                    "diff --textconv takes one FILE"
                    if args.textconv
                    else "diff takes OLD NEW (or the seven arguments of a git diff driver)"
                )
            return cmd_diff(args.files, args.format, args.textconv)
        if args.command == "merge":
            return cmd_merge(args.base, args.ours, args.theirs, args.output, _err)
        if args.command == "import":
            return cmd_import(args.file, args.output, _err)
        if args.command == "export" and wants_print(args):
            return cmd_export_print(args, _load, _err)
        if args.command == "export":
            return cmd_export(args.file, args.output, args.scale, args.transparent, args.theme)
        return cmd_schema()
    args = _gui_parser().parse_args(argv)
    if args.file is not None and not args.file.strip():
        _err(f"{PROG}: error: the file name is empty")
        return 2
    return cmd_gui(args.file)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (never raises, never a traceback)."""
    from blueprint_editor.core.model import BlueprintError

    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a console that cannot show every character
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass
    try:
        return _dispatch(argv)
    except SystemExit as exc:  # --help, --version
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except _UsageError as exc:
        _err(f"{PROG}: error: {exc}")
        return 2
    except BlueprintError as exc:  # LoadError carries the file in .path
        where = getattr(exc, "path", None)
        where = '""' if where is not None and not str(where) else where
        _err(f"{where}: error: {exc}" if where is not None else f"{PROG}: error: {exc}")
        return 2
    except BrokenPipeError:  # output piped into a command that stopped reading (head)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except OSError as exc:
        name = exc.filename if exc.filename is not None else ""
        reason = exc.strerror or exc
        _err(f"{PROG}: error: {name}: {reason}" if name else f"{PROG}: error: {reason}")
        return 2
    except KeyboardInterrupt:
        _err(f"{PROG}: interrupted")
        return 130
    except Exception as exc:  # the last guard: one line, no traceback
        _err(f"{PROG}: error: {type(exc).__name__}: {exc}")
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
