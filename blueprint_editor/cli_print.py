"""``export`` for the wall (see :mod:`blueprint_editor.cli`): paper, tiles, a phase per page
for PDF, PNG tiles.

::

    export FILE -o OUT.pdf --paper A0|A1|A2|A3|A4|letter|tabloid [--landscape]
                           [--tiles A4|A3|letter | --pages]
    export FILE -o OUT.png --tile-size WxH [--scale S]

``--paper`` lays the blueprint (title and legend included) on one sheet of that paper,
scaled to fit inside 10 mm margins; ``--tiles`` cuts that poster into sheets of an office
paper with a 10 mm overlap, crop marks, a "row / column" label, a map of the sheets and
the lane titles on each; ``--pages`` puts a phase on each sheet of ``--paper``. When card
text would print under 8 pt, a warning on stderr names a paper that works (exit 0).

``--tile-size WxH`` writes PNG tiles of W x H pixels (``OUT-r01-c01.png``, ...) at the
default scale (or ``--scale``) instead of one PNG shrunk to fit the PNG limits.

Qt is imported only inside the functions that draw.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

from blueprint_editor.core.paper import PAPER_CHOICES, TILE_PAPERS
from blueprint_editor.core.paper import paper as paper_named


def _paper(text: str) -> str:
    try:
        return paper_named(text).key
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _tile_paper(text: str) -> str:
    key = _paper(text)
    if key not in TILE_PAPERS:
        raise argparse.ArgumentTypeError(f"tiles must be one of {', '.join(TILE_PAPERS)}, not {text!r}")
    return key


def _tile_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{1,6})\s*[xX\u00d7]\s*(\d{1,6})\s*", text)
    if not match or int(match[1]) < 1 or int(match[2]) < 1:
        raise argparse.ArgumentTypeError(
            f"a tile size is WIDTHxHEIGHT in pixels, such as 4000x4000, not {text!r}"
        )
    return int(match[1]), int(match[2])


def add_print_arguments(export: argparse.ArgumentParser) -> None:
    """The paper and tile options of ``export``."""
    export.add_argument(
        "--paper",
        type=_paper,
        default=None,
        metavar="|".join(PAPER_CHOICES),
        help="PDF: lay the blueprint out on one sheet of this paper",
    )
    export.add_argument("--landscape", action="store_true", help="PDF: the paper in landscape orientation")
    how = export.add_mutually_exclusive_group()
    how.add_argument(
        "--tiles",
        type=_tile_paper,
        default=None,
        metavar="|".join(TILE_PAPERS),
        help="PDF: cut the poster into sheets of this paper (10 mm overlap, "
        "crop marks, row/column labels) to tape together",
    )
    how.add_argument("--pages", action="store_true", help="PDF: a phase per page of --paper")
    export.add_argument(
        "--tile-size",
        type=_tile_size,
        default=None,
        metavar="WxH",
        help="PNG: write tiles of W x H pixels (OUT-r01-c01.png, ...) at "
        "full scale instead of one shrunk picture",
    )


def wants_print(args: argparse.Namespace) -> bool:
    return bool(args.paper or args.landscape or args.tiles or args.pages or args.tile_size)


def cmd_export_print(
    args: argparse.Namespace, load: Callable[[str], object], err: Callable[[str], None]
) -> int:
    """``export`` with paper or tile options; 0 written (maybe with a warning), 2 not."""
    out = Path(args.output)
    suffix = out.suffix.lower()
    paper_options = args.paper or args.landscape or args.tiles or args.pages
    if paper_options and suffix != ".pdf":
        err(f"{args.output}: error: --paper, --landscape, --tiles and --pages apply to .pdf only")
        return 2
    if args.tile_size and suffix != ".png":
        err(f"{args.output}: error: --tile-size applies to .png only")
        return 2
    if paper_options and not args.paper:
        err(
            f"{args.output}: error: --landscape, --tiles and --pages need --paper "
            "(the poster's or page's size)"
        )
        return 2
    bp = load(args.file)
    if suffix == ".png":
        from blueprint_editor.qt.export.png_tiles import export_png_tiles
        from blueprint_editor.qt.export.render import ExportError

        try:
            width, height = args.tile_size
            export_png_tiles(
                bp,  # type: ignore[arg-type]
                out,
                width,
                height,
                scale=args.scale,
                transparent=args.transparent,
            )
        except ExportError as exc:
            err(f"{args.output}: error: {exc}")
            return 2
        return 0
    from blueprint_editor.qt.export.print_layout import PrintLayout, write_print_pdf
    from blueprint_editor.qt.export.render import ExportError

    layout = PrintLayout(paper=args.paper, landscape=args.landscape, tiles=args.tiles, pages=args.pages)
    try:
        warnings = write_print_pdf(bp, layout, out)  # type: ignore[arg-type]
    except ExportError as exc:
        err(f"{args.output}: error: {exc}")
        return 2
    for warning in warnings:
        err(f"{args.output}: warning: {warning}")
    return 0
