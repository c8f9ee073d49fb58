"""Print for the wall: poster, tiles and phase pages as PDF (read back with pypdf), the
marks and overlap on the drawn sheets, PNG tiles."""

from __future__ import annotations

import io
import re
import unicodedata

import pypdf
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from blueprint_editor.core import paper as P
from blueprint_editor.qt.export.page import build_page
from blueprint_editor.qt.export.png_tiles import export_png_tiles
from blueprint_editor.qt.export.print_layout import (
    PrintLayout,
    plan_for,
    render_print_pdf_bytes,
    write_print_pdf,
)
from blueprint_editor.qt.export.render import ExportError, pixel_size
from factories import PHASES, six_phase_blueprint

MM_TO_PT = 72 / 25.4


def pdf(data: bytes) -> pypdf.PdfReader:
    assert data.startswith(b"%PDF")
    return pypdf.PdfReader(io.BytesIO(data))


def words(text: str) -> str:
    """The text with runs of white space as one space and ligatures ("\ufb00") spelled out."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def page_size(page) -> tuple[float, float]:
    return float(page.mediabox.width), float(page.mediabox.height)


@pytest.fixture
def wall(qapp):
    return six_phase_blueprint(columns_per_phase=2)


def test_poster_is_one_sheet_of_the_paper_with_every_step_title(wall):
    data, warnings = render_print_pdf_bytes(wall, PrintLayout("A1", landscape=True))
    reader = pdf(data)
    assert len(reader.pages) == 1
    w, h = page_size(reader.pages[0])
    assert (round(w), round(h)) == (round(841 * MM_TO_PT), round(594 * MM_TO_PT))
    text = words(reader.pages[0].extract_text())
    for step in wall.steps:
        assert step.title in text
    assert wall.title in text and "Legend" in text
    assert warnings == []  # A1 keeps twelve columns' card text at 8 pt or more


def test_a4_tiles_of_an_a1_poster(wall):
    layout = PrintLayout("A1", landscape=True, tiles="A4")
    result = plan_for(wall, layout)
    tiling = result.tiling
    assert tiling is not None and len(tiling) == tiling.rows * tiling.columns > 1
    data, warnings = render_print_pdf_bytes(wall, layout)
    assert warnings == []
    assert P.text_pt(result.scale) >= 8
    reader = pdf(data)
    assert len(reader.pages) == len(tiling)
    a4 = (round(210 * MM_TO_PT), round(297 * MM_TO_PT))
    expected = a4[::-1] if tiling.landscape else a4
    for page in reader.pages:
        w, h = page_size(page)
        assert (round(w), round(h)) == expected
    texts = [words(page.extract_text()) for page in reader.pages]
    everything = " ".join(texts)
    for step in wall.steps:
        assert step.title in everything
    for tile, text in zip(tiling.tiles, texts, strict=True):
        assert (
            f"Row {tile.row + 1} / column {tile.column + 1} (of {tiling.rows} x "
            f"{tiling.columns} sheets)" in text
        )
        if tile.column > 0:  # lane titles repeated down the left margin
            for lane in wall.lanes:
                assert lane.title in text


def test_tiles_overlap_and_carry_crop_marks(wall):
    """Draw two neighbouring tile sheets at 5 pixels per mm: the last 10 mm of the first
    window are the first 10 mm of the second; crop marks are dark, the margin else white."""
    result = plan_for(wall, PrintLayout("A1", landscape=True, tiles="A4"))
    tiling = result.tiling
    assert tiling is not None and tiling.columns >= 2
    px_per_mm = 5.0

    def draw(i: int) -> QImage:
        sheet = result.sheets[i]
        w_mm, h_mm = sheet.size_mm
        image = QImage(round(w_mm * px_per_mm), round(h_mm * px_per_mm), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.scale(px_per_mm / MM_TO_PT, px_per_mm / MM_TO_PT)
        sheet.draw(painter)
        painter.end()
        return image

    # a tile in the middle row, so both have blueprint under the overlap
    row = tiling.rows // 2
    first, second = draw(row * tiling.columns), draw(row * tiling.columns + 1)
    a = tiling.area
    overlap_px = round(P.OVERLAP_MM * px_per_mm)
    x1 = round((a.right - P.OVERLAP_MM) * px_per_mm)
    x2 = round(a.x * px_per_mm)
    top, bottom = round(a.y * px_per_mm) + 2, round(a.bottom * px_per_mm) - 2
    differing, inked = 0, 0
    for dx in range(2, overlap_px - 2):
        for y in range(top, bottom, 3):
            c1, c2 = first.pixelColor(x1 + dx, y), second.pixelColor(x2 + dx, y)
            if abs(c1.lightness() - c2.lightness()) > 40:
                differing += 1
            if c1.lightness() < 200:
                inked += 1
    assert inked > 50  # there is blueprint in the overlap
    assert differing < inked * 0.05
    for x1_, y1_, x2_, y2_ in P.crop_marks(tiling):
        mx, my = (x1_ + x2_) / 2 * px_per_mm, (y1_ + y2_) / 2 * px_per_mm
        dark = min(
            first.pixelColor(round(mx) + dx, round(my) + dy).lightness()
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
        )
        assert dark < 160, (x1_, y1_, x2_, y2_)
    assert first.pixelColor(round(a.right * px_per_mm) + 15, round(a.y * px_per_mm) + 40) == QColor("white")


def test_a_phase_per_page(wall):
    data, _ = render_print_pdf_bytes(wall, PrintLayout("A4", landscape=True, pages=True))
    reader = pdf(data)
    assert len(reader.pages) == len(PHASES)
    for phase, page in zip(wall.phases, reader.pages, strict=True):
        text = words(page.extract_text())
        assert phase.title in text
        columns = {c.id for c in wall.columns if c.phase == phase.id}
        for step in wall.steps:
            assert (step.title in text) == (step.column in columns), step.title
        for lane in wall.lanes:
            assert lane.title in text


def test_small_paper_warns_and_names_one_that_works(qapp):
    bp = six_phase_blueprint(columns_per_phase=3)
    data, warnings = render_print_pdf_bytes(bp, PrintLayout("A3", landscape=True))
    assert len(pdf(data).pages) == 1
    assert len(warnings) == 1
    assert re.match(
        r"card text would print at \d\.\d pt on A3 landscape, under 8 pt; "
        r"use A0 landscape",
        warnings[0],
    )
    suggested = P.suggest_paper(build_page(bp).width, build_page(bp).height)
    assert suggested is not None and suggested.paper.key == "A0"
    _, none = render_print_pdf_bytes(bp, PrintLayout("A0", landscape=True, tiles="A4"))
    assert none == []


def test_bad_choices_are_one_clear_line(wall, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(ExportError, match="unknown paper 'B5'"):
        write_print_pdf(wall, PrintLayout("B5"), out)
    with pytest.raises(ExportError, match="tiles must be one of A4, A3, letter"):
        write_print_pdf(wall, PrintLayout("A1", tiles="A0"), out)
    with pytest.raises(ExportError, match="cannot be combined"):
        write_print_pdf(wall, PrintLayout("A1", tiles="A4", pages=True), out)
    with pytest.raises(ExportError, match="does not exist"):
        write_print_pdf(wall, PrintLayout("A1"), tmp_path / "no" / "x.pdf")
    assert not out.exists()
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"old")
    locked.chmod(0o444)
    with pytest.raises(ExportError, match="cannot write"):
        write_print_pdf(wall, PrintLayout("A1"), locked)
    assert locked.read_bytes() == b"old"


def test_png_tiles_join_into_the_full_picture(wall, tmp_path):
    out = tmp_path / "wall.png"
    page = build_page(wall)
    w, h = pixel_size(page.width, page.height, 2.0)
    files = export_png_tiles(wall, out, 2000, 1500)
    columns, rows = -(-w // 2000), -(-h // 1500)
    assert len(files) == rows * columns
    assert files[0].name == "wall-r01-c01.png"
    assert files[-1].name == f"wall-r{rows:02d}-c{columns:02d}.png"
    assert not out.exists()
    sizes = []
    for f in files:
        image = QImage(str(f))
        assert not image.isNull()
        sizes.append((image.width(), image.height()))
    assert sum(sw for sw, _ in sizes[:columns]) == w
    assert sum(sizes[r * columns][1] for r in range(rows)) == h
    assert sizes[0] == (2000, 1500)
    # the tile's pixels are the big picture's: compare with a crop of a whole render
    full = QImage(w, h, QImage.Format.Format_RGB32)
    full.fill(QColor("white"))
    painter = QPainter(full)
    painter.scale(2.0, 2.0)
    page.paint(painter, QRectF(0, 0, page.width, page.height), background=False)
    painter.end()
    second = QImage(str(files[1]))
    same = sum(
        second.pixelColor(x, y) == full.pixelColor(2000 + x, y)
        for x in range(0, second.width(), 37)
        for y in range(0, second.height(), 41)
    )
    total = len(range(0, second.width(), 37)) * len(range(0, second.height(), 41))
    assert same > total * 0.97
    with pytest.raises(ExportError, match="too many"):
        export_png_tiles(wall, out, 10, 10)


def test_the_text_size_is_the_one_checked(wall):
    """A larger text size (View > Text Size) draws larger cards: the check measures the
    card titles of the page drawn, not the standard size."""
    standard = plan_for(wall, PrintLayout("A1", landscape=True))
    large = plan_for(wall, PrintLayout("A1", landscape=True), text_size="large")
    assert standard.text_px == 13 and large.text_px == 16
    assert large.text_pt == pytest.approx(P.text_pt(large.scale, 16))
    assert large.scale < standard.scale  # the larger page is shrunk more to fit
