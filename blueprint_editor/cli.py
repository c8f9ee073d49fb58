"""The ``blueprint-editor`` command.

::

    blueprint-editor [FILE]                          open the editor (FILE or a new blueprint)
    blueprint-editor validate FILE... [--json]       check files; exit 0 clean, 1 findings, 2 bad file
    blueprint-editor export FILE -o OUT [--scale S] [--transparent] [--theme T]
    blueprint-editor schema                          print the JSON Schema of the format
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

PROG = "blueprint-editor"
COMMANDS = ("validate", "export", "schema")
#: ``export --theme``: the themes of qt/canvas/themes.py
EXPORT_THEMES = ("light", "dark", "projector")
RENDERED_SUFFIXES = (".png", ".svg", ".pdf")


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
               "  validate FILE... [--json]       check blueprint files\n"
               "  export FILE -o OUT [--scale S]  write PNG, SVG, PDF or normalised JSON\n"
               "  schema                          print the JSON Schema of the file format",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("file", nargs="?", metavar="FILE", help="a blueprint to open")
    return parser


def _command_parser() -> _Parser:
    parser = _Parser(prog=PROG)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    validate = sub.add_parser("validate", help="check blueprint files",
                              description="Check blueprint files. Exit status 0: no error or "
                              "warning; 1: some error or warning; 2: a file could not be loaded.")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--json", action="store_true", help="print one JSON document")
    export = sub.add_parser("export", help="export a blueprint",
                            description="Export a blueprint. OUT's suffix picks the format: "
                            ".png, .svg, .pdf or .json (the normalised file).")
    export.add_argument("file", metavar="FILE")
    export.add_argument("-o", "--output", required=True, metavar="OUT")
    export.add_argument("--scale", type=_scale, default=None, metavar="S",
                        help="PNG pixels per point (default: the editor's default)")
    export.add_argument("--transparent", action="store_true",
                        help="no background fill (PNG, SVG, PDF)")
    export.add_argument("--theme", choices=EXPORT_THEMES, default="light",
                        help="colours of the picture: light (default), dark, or projector "
                        "(high contrast, thicker lines, larger text)")
    sub.add_parser("schema", help="print the JSON Schema of the file format",
                   description="Print the JSON Schema of the blueprint file format.")
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


def cmd_validate(files: Sequence[str], as_json: bool) -> int:
    from blueprint_editor.core.io import LoadError
    from blueprint_editor.core.validate import validate

    status = 0
    reports = []
    for path in files:
        try:
            findings = validate(_load(path))
        except LoadError as exc:
            _err(f"{path}: error: {exc}")
            status = 2
            continue
        if status < 2 and any(f.severity in ("error", "warning") for f in findings):
            status = 1
        if as_json:
            reports.append({"path": path, "findings": [f.to_json() for f in findings]})
        else:
            for f in findings:
                print(f"{path}: {f.severity} {f.code}: {_one_line(f.message)}")
            print(f"{path}: {_summary(findings)}")
    if as_json:
        print(json.dumps({"files": reports}, indent=2))
    return status


def cmd_export(file: str, output: str, scale: float | None, transparent: bool,
               theme: str = "light") -> int:
    out = Path(output)
    suffix = out.suffix.lower()
    if suffix != ".json" and suffix not in RENDERED_SUFFIXES:
        _err(f"{output}: cannot export to {suffix or 'a file without a suffix'!s}; "
             "use .png, .svg, .pdf or .json")
        return 2
    bp = _load(file)
    if suffix == ".json":
        from blueprint_editor.core.io import save_path

        try:
            save_path(bp, out)
        except OSError as exc:
            _err(f"{output}: error: cannot write the file ({exc.strerror or exc})")
            return 2
        return 0
    try:
        from blueprint_editor.qt.export.render import ExportError, export_blueprint
    except ImportError as exc:
        _err(f"export to {suffix} is not available: the Qt renderer cannot be loaded ({exc})")
        return 2
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


def cmd_gui(path: str | None) -> int:
    try:
        from blueprint_editor.qt.app.launch import run
    except ImportError as exc:
        _err(f"the editor window is not available: {exc} "
             "(the command line still works: validate, export to .json, schema)")
        return 2
    return run(path)


# ------------------------------------------------------------------------ main
def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        args = _command_parser().parse_args(argv)
        if args.command == "validate":
            return cmd_validate(args.files, args.json)
        if args.command == "export":
            return cmd_export(args.file, args.output, args.scale, args.transparent,
                              args.theme)
        return cmd_schema()
    args = _gui_parser().parse_args(argv)
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
