"""Every export of hostile titles is a well-formed file that Qt itself reads back."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

from blueprint_editor.core import io as bio
from blueprint_editor.core.model import Blueprint
from blueprint_editor.qt.export.render import export_blueprint, xml_safe
from factories import many_texts_blueprint

#: texts the format allows (any JSON string without lone surrogates)
HOSTILE = [
    "ctrl \x00\x01\x02\x08\x0b\x0c\x0e\x1f\x7f\x85\x9f end",
    "non-characters \ufffe\uffff\ufdd0 \U0001fffe\U0010ffff",
    "markup <svg onload=alert(1)> <![CDATA[ x ]]> ]]> <!-- c --> &amp; &#1; &#xFFFE; \"'",
    '<img src="/dev/zero">',
    "\u202eright-to-left \u05e2\u05d1\u05e8\u05d9\u05ea \u0639\u0631\u0628\u064a",
    "emoji \U0001f600\U0001f3f3\ufe0f\u200d\U0001f308 \U0001f44d\U0001f3fd",
    "x" * 10_000,
    "line\nbreaks\r\nand\ttabs",
]


@pytest.fixture
def blueprint(qapp) -> Blueprint:
    bp = many_texts_blueprint(HOSTILE)
    assert bio.loads(bio.dumps(bp).encode()) == bp  # a valid file
    return bp


def test_svg_of_hostile_titles_is_well_formed_and_renders(blueprint, tmp_path):
    out = tmp_path / "b.svg"
    export_blueprint(blueprint, out)
    data = out.read_bytes()
    root = ET.fromstring(data)  # expat refuses any character XML cannot hold
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "markup <svg onload=alert(1)>" in texts  # escaped, not markup
    assert "ctrl \ufffd\ufffd" in texts  # controls replaced, the rest kept
    assert "\U0001f600" in texts and "\u05e2\u05d1\u05e8" in texts
    renderer = QSvgRenderer(QByteArray(data))
    assert renderer.isValid()
    assert renderer.defaultSize().width() > 100


def test_png_and_pdf_of_hostile_titles_render(blueprint, tmp_path):
    export_blueprint(blueprint, tmp_path / "b.png", scale=0.5)
    image = QImage(str(tmp_path / "b.png"))
    assert not image.isNull() and image.width() > 100
    export_blueprint(blueprint, tmp_path / "b.pdf")
    reader = PdfReader(io.BytesIO((tmp_path / "b.pdf").read_bytes()))
    assert len(reader.pages) == 1
    assert "right-to-left" in reader.pages[0].extract_text() or reader.metadata is not None


def test_json_export_of_hostile_titles_reads_back(blueprint, tmp_path):
    export_blueprint(blueprint, tmp_path / "b.json")
    assert bio.load_path(tmp_path / "b.json") == blueprint


def test_xml_safe_replaces_raw_characters_and_references():
    raw = "<t a='&#1;'>a\x01b\ufffe&#xFFFF;&#9;&#x1F600;\ud800</t>".encode("utf-8", "surrogatepass")
    safe = xml_safe(raw).decode()
    assert safe.startswith("<t a='\ufffd'>a\ufffdb\ufffd\ufffd&#9;&#x1F600;\ufffd")
    ET.fromstring(xml_safe(raw))
