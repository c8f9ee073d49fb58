"""Export renderer: PNG size and background, SVG text, PDF pages, atomic writes, golden image."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from blueprint_editor.core import atomic
from blueprint_editor.core.layout import compute_layout
from blueprint_editor.core.model import Blueprint, Step, check_references, new_blueprint
from blueprint_editor.qt.export import render as export
from blueprint_editor.qt.export.page import build_page
from blueprint_editor.qt.export.render import ExportCancelled, ExportError, export_blueprint

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "export-sample.blueprint"
SVG_NS = "{http://www.w3.org/2000/svg}"


def load(path: Path) -> Blueprint:
    bp = Blueprint.model_validate_json(path.read_text(encoding="utf-8"))
    check_references(bp)
    return bp


@pytest.fixture
def sample(qapp) -> Blueprint:
    return load(SAMPLE)


def png_of(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG"), "not a readable PNG"
    return image


# ------------------------------------------------------------------------ PNG
def test_png_size_follows_the_scale_exactly(sample):
    page = build_page(sample)
    one = png_of(export.render_png_bytes(sample, scale=1))
    two = png_of(export.render_png_bytes(sample, scale=2))
    half = png_of(export.render_png_bytes(sample, scale=0.5))
    default = png_of(export.render_png_bytes(sample))
    assert (one.width(), one.height()) == (page.width, page.height)
    assert (two.width(), two.height()) == (2 * one.width(), 2 * one.height())
    assert (half.width(), half.height()) == (one.width() // 2, one.height() // 2)
    assert (default.width(), default.height()) == (two.width(), two.height())
    assert export.png_size(sample, 3) == (3 * one.width(), 3 * one.height())


def test_png_background_is_white_or_transparent(sample):
    opaque = png_of(export.render_png_bytes(sample, scale=1))
    clear = png_of(export.render_png_bytes(sample, scale=1, transparent=True))
    assert not opaque.hasAlphaChannel()
    assert opaque.pixelColor(2, 2).name() == "#ffffff"
    assert clear.hasAlphaChannel()
    for x, y in ((1, 1), (clear.width() - 2, clear.height() - 2)):
        assert clear.pixelColor(x, y).alpha() == 0
    # the blueprint itself stays opaque: a card is painted
    page = build_page(sample)
    card = compute_layout(sample, page.scene.metrics).step_rect["cook"]
    x = page.target.left() - page.source.left() + card.x + 3
    y = page.target.top() - page.source.top() + card.bottom - 3
    assert clear.pixelColor(int(x), int(y)).alpha() == 255


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_png_bands_join_without_seams(sample, monkeypatch, scale):
    whole = export.render_png_bytes(sample, scale=scale)
    calls = []
    monkeypatch.setattr(export, "BAND_PIXELS", 37_000)  # bands of a few dozen rows
    banded = export.render_png_bytes(sample, scale=scale, progress=lambda d, t: calls.append((d, t)) or True)
    a, b = png_of(whole), png_of(banded)
    assert a.size() == b.size()
    # Qt's dasher may shift a dash pattern by a pixel inside a band; nothing visible
    assert _compare(a, b)[0] == 0
    total = calls[-1][1]
    assert total > 10 and calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_png_records_its_density(sample):
    data = export.render_png_bytes(sample, scale=2)
    image = png_of(data)
    assert round(image.dotsPerMeterX() * 0.0254) == 192


def test_default_scale_shrinks_a_huge_blueprint_and_explicit_scale_is_refused(qapp, monkeypatch):
    bp = new_blueprint("Long", columns=60)
    monkeypatch.setattr(export, "MAX_PNG_SIDE", 20_000)
    w, h = export.png_size(bp)
    assert w <= 20_000 and w > 10_000
    with pytest.raises(ExportError, match=r"too large.*scale of 1\.\d+ or less"):
        export.png_size(bp, 2)


@pytest.mark.parametrize("scale", [0, -1, 100, float("nan"), "big"])
def test_bad_scale_is_a_clear_error(sample, tmp_path, scale):
    with pytest.raises(ExportError, match="scale"):
        export_blueprint(sample, tmp_path / "out.png", scale=scale)
    assert not (tmp_path / "out.png").exists()


# ------------------------------------------------------------------------ SVG
def _svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


def test_svg_parses_and_holds_every_step_title_as_text(sample, tmp_path):
    out = tmp_path / "sample.svg"
    export_blueprint(sample, out)
    texts = _svg_texts(out.read_bytes())
    joined = " ".join(texts)  # a long title wraps into several <text> lines
    for step in sample.steps:
        assert step.title in joined, step.title
    for name in (
        "Restaurant visit",
        "Line of interaction",
        "Line of visibility",
        "Line of internal interaction",
        "During the visit",
        "Fail point",
        "Moment of truth",
        "Two-way handoff",
    ):
        assert any(name in t for t in texts), name
    assert "Second line is not shown" not in joined
    root = ET.fromstring(out.read_bytes())
    page = build_page(sample)
    assert root.get("viewBox") == f"0 0 {page.width:g} {page.height:g}"


def test_svg_transparent_has_no_background_rect(sample):
    def has_white_page(data: bytes) -> bool:
        return b'fill="#ffffff"' in data.split(b"<text", 1)[0]

    assert has_white_page(export.render_svg_bytes(sample))
    assert not has_white_page(export.render_svg_bytes(sample, transparent=True))


# ------------------------------------------------------------------------ PDF
def test_pdf_is_one_vector_page_fitted_to_the_blueprint(sample, tmp_path):
    out = tmp_path / "sample.pdf"
    export_blueprint(sample, out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) == 1
    page = build_page(sample)
    box = re.search(rb"/MediaBox\s*\[\s*([\d.\s-]+)\]", data).group(1).split()
    assert [float(v) for v in box] == [0, 0, page.width * 0.75, page.height * 0.75]
    assert b"/FontFile2" in data  # the font is embedded: text, not a bitmap
    assert b"/Subtype /Image" not in data


# ---------------------------------------------------------------- JSON, files
def test_json_export_is_the_normalised_file(sample, tmp_path):
    out = tmp_path / "copy.json"
    export_blueprint(sample, out)
    assert json.loads(out.read_text(encoding="utf-8")) == sample.model_dump(mode="json")


def test_unknown_suffix_is_refused(sample, tmp_path):
    with pytest.raises(ExportError, match=r"\.png"):
        export_blueprint(sample, tmp_path / "out.gif")
    with pytest.raises(ExportError, match="does not exist"):
        export_blueprint(sample, tmp_path / "missing" / "out.png")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".json"])
def test_failed_write_leaves_the_old_file_byte_identical(sample, tmp_path, monkeypatch, suffix):
    out = tmp_path / f"picture{suffix}"
    out.write_bytes(b"the previous export\n")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(ExportError, match="No space left on device"):
        export_blueprint(sample, out, scale=1)
    assert out.read_bytes() == b"the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_cancel_writes_nothing(sample, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "BAND_PIXELS", 50_000)
    out = tmp_path / "cancelled.png"
    out.write_bytes(b"old")
    seen = []

    def cancel_on_third(done, total):
        seen.append(done)
        return len(seen) < 3

    with pytest.raises(ExportCancelled):
        export_blueprint(sample, out, scale=1, progress=cancel_on_third)
    assert len(seen) == 3
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cancelled.png"]


def test_export_renders_a_private_read_only_copy(sample):
    page = build_page(sample)
    assert page.doc.blueprint is not sample
    assert page.doc.blueprint == sample
    assert page.scene.interactive is False  # no selection, hover, handles
    assert not any(item.isSelected() for item in page.scene.items())


def test_empty_and_untitled_blueprints_export(qapp, tmp_path):
    for bp in (Blueprint(), new_blueprint("", columns=1)):
        for suffix in (".png", ".svg", ".pdf"):
            out = tmp_path / f"empty{suffix}"
            export_blueprint(bp, out, scale=1)
            assert out.stat().st_size > 0


def test_long_titles_are_elided_not_clipped(qapp):
    bp = new_blueprint("A very long title " * 40, columns=1)
    bp.steps.append(Step(id="s", lane="customer", column=bp.columns[0].id, title="x"))
    page = build_page(bp)
    assert page.title.endswith("\u2026")
    assert page.title_rect.right() <= page.width - 16
    for entry in page.legend:
        assert entry.rect.right() <= page.width - 16


def test_export_is_deterministic(sample):
    assert export.render_png_bytes(sample, scale=1) == export.render_png_bytes(sample, scale=1)
    assert export.render_svg_bytes(sample) == export.render_svg_bytes(sample)


def test_progress_reaches_its_total_for_every_format(sample):
    for render in (export.render_png_bytes, export.render_svg_bytes, export.render_pdf_bytes):
        calls: list[tuple[int, int]] = []

        def progress(done, total, calls=calls):
            calls.append((done, total))
            return True

        render(sample, progress=progress)
        assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1], render.__name__


def test_ensure_app_reuses_the_running_application(qapp):
    assert export.ensure_app() is qapp


# ---------------------------------------------------------------- golden image
GOLDEN_DIR = DATA / "golden"
#: a pixel differs when one channel differs by more than this (of 255) ...
CHANNEL_TOLERANCE = 24
#: ... and the test fails when more than this fraction of pixels differ
MAX_DIFFERING = 0.002


def _regenerate_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("golden_regenerate", GOLDEN_DIR / "regenerate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compare(actual: QImage, golden: QImage) -> tuple[int, QImage]:
    """Count differing pixels; return the count and a diff image (red = differs)."""
    a = actual.convertToFormat(QImage.Format.Format_RGB888)
    g = golden.convertToFormat(QImage.Format.Format_RGB888)
    diff = a.convertToFormat(QImage.Format.Format_Grayscale8).convertToFormat(QImage.Format.Format_RGB888)
    w, h = a.width(), a.height()
    stride_a, stride_g = a.bytesPerLine(), g.bytesPerLine()
    bits_a, bits_g = bytes(a.constBits()), bytes(g.constBits())
    differing = 0
    for y in range(h):
        row_a = bits_a[y * stride_a : y * stride_a + 3 * w]
        row_g = bits_g[y * stride_g : y * stride_g + 3 * w]
        if row_a == row_g:
            continue
        for x in range(w):
            i = 3 * x
            if (
                abs(row_a[i] - row_g[i]) > CHANNEL_TOLERANCE
                or abs(row_a[i + 1] - row_g[i + 1]) > CHANNEL_TOLERANCE
                or abs(row_a[i + 2] - row_g[i + 2]) > CHANNEL_TOLERANCE
            ):
                differing += 1
                diff.setPixel(x, y, 0xFFFF0000)
    return differing, diff


def test_golden_image(qapp, tmp_path):
    regenerate = _regenerate_module()
    hint = (
        "if the change of look is intended, run "
        "`QT_QPA_PLATFORM=offscreen .venv/bin/python tests/data/golden/regenerate.py`, "
        "look at the new image and commit it"
    )
    for name, source in regenerate.GOLDEN.items():
        golden = QImage(str(GOLDEN_DIR / name))
        assert not golden.isNull(), f"missing golden image {name}; {hint}"
        actual = png_of(regenerate.render(source))
        actual.save(str(tmp_path / f"actual-{name}"))
        assert actual.size() == golden.size(), (
            f"{name}: size {actual.width()}x{actual.height()} != golden "
            f"{golden.width()}x{golden.height()}; actual saved in {tmp_path}; {hint}"
        )
        differing, diff = _compare(actual, golden)
        if differing:
            diff.save(str(tmp_path / f"diff-{name}"))
        fraction = differing / (actual.width() * actual.height())
        assert fraction <= MAX_DIFFERING, (
            f"{name}: {differing} pixels ({fraction:.3%}) differ from the golden image; "
            f"actual and diff saved in {tmp_path}; {hint}"
        )


def test_golden_comparison_notices_a_change(sample):
    image = png_of(export.render_png_bytes(sample, scale=1))
    changed = QImage(image)
    for x in range(40, 240):
        for y in range(40, 80):
            changed.setPixel(x, y, 0xFF000000 if image.pixel(x, y) != 0xFF000000 else 0xFFFFFFFF)
    assert _compare(image, image)[0] == 0
    assert _compare(changed, image)[0] >= 200 * 40 * 0.9


def test_a_pdf_wider_than_200_inches_is_scaled_to_fit(qapp):
    bp = new_blueprint("Long", columns=120)  # about 26,600 units = 277 inches
    page = build_page(bp)
    data = export.render_pdf_bytes(bp)
    box = [float(v) for v in re.search(rb"/MediaBox\s*\[\s*([\d.\s-]+)\]", data).group(1).split()]
    assert export.PDF_MAX_POINTS - 100 < box[2] <= export.PDF_MAX_POINTS
    assert box[3] == pytest.approx(page.height * box[2] / page.width, abs=1)


def test_nothing_the_scene_draws_is_clipped(qapp):
    bp = load(SAMPLE)
    # a handoff past a card in the last column loops round its right-hand side
    bp.handoffs.append(
        bp.handoffs[0].model_copy(
            update={"id": "back", "source": "review", "target": "crm", "label": "a long label here"}
        )
    )
    page = build_page(bp)
    visible = [item for item in page.scene.items() if item.isVisible()]
    assert len(visible) > len(bp.steps) + len(bp.handoffs)  # cards, arrows, headers, lines
    for item in visible:
        assert page.source.contains(item.sceneBoundingRect()), type(item).__name__
    assert page.rect.contains(page.target)
    assert page.target.size() == page.source.size()


def test_a_pdf_scaled_to_the_page_limit_keeps_the_card_text(qapp, monkeypatch):
    from PySide6.QtGui import QPainter

    bp = new_blueprint("Long", columns=300)  # drawn at under a third of its size
    bp.steps.append(
        Step(id="needle", lane="customer", column=bp.columns[-1].id, title="Needle in the haystack")
    )
    drawn: list[str] = []
    original = QPainter.drawText

    def spy(self, *args):
        drawn.extend(a for a in args if isinstance(a, str))
        return original(self, *args)

    monkeypatch.setattr(QPainter, "drawText", spy)
    export.render_pdf_bytes(bp)
    assert "Needle in the haystack" in " ".join(drawn)
