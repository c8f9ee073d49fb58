"""The Linux desktop integration files and the generated icons agree with each other and
with the program: the menu entry, the .blueprint MIME type, the AppStream data, the icons."""

from __future__ import annotations

import configparser
import fnmatch
import importlib.util
import re
import struct
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import blueprint_editor

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "blueprint_editor" / "resources" / "icons"
APP_ID = "org.blueprinteditor.BlueprintEditor"
MIME_TYPE = "application/x-service-blueprint"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)

# keys of the Desktop Entry Specification 1.4 (localised variants Key[xx] allowed)
DESKTOP_KEYS = {
    "Type",
    "Version",
    "Name",
    "GenericName",
    "NoDisplay",
    "Comment",
    "Icon",
    "Hidden",
    "OnlyShowIn",
    "NotShowIn",
    "DBusActivatable",
    "TryExec",
    "Exec",
    "Path",
    "Terminal",
    "Actions",
    "MimeType",
    "Categories",
    "Implements",
    "Keywords",
    "StartupNotify",
    "StartupWMClass",
    "URL",
    "PrefersNonDefaultGPU",
    "SingleMainWindow",
}


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    assert parser.sections() == ["Desktop Entry"]
    return parser["Desktop Entry"]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_desktop_entry_has_only_known_keys_and_launches_the_editor_on_blueprints():
    entry = desktop_entry()
    unknown = {k for k in entry if re.sub(r"\[[^]]+\]$", "", k) not in DESKTOP_KEYS}
    assert not unknown
    assert entry["Type"] == "Application"
    assert entry["Version"] == "1.4"
    assert entry["Name"] == "Blueprint Editor"
    assert entry["Terminal"] == "false"
    assert entry["MimeType"].split(";")[:-1] == [MIME_TYPE]
    assert entry["MimeType"].endswith(";") and entry["Categories"].endswith(";")
    assert "Office" in entry["Categories"].split(";")
    program, *field_codes = entry["Exec"].split()
    assert program == entry["TryExec"] == "blueprint-editor-gui"
    assert field_codes == ["%f"]  # one file per window: `blueprint-editor [FILE]`
    assert (ICONS / "hicolor" / "48x48" / "apps" / f"{entry['Icon']}.png").is_file()


def test_gui_program_name_in_desktop_entry_is_what_the_spec_builds():
    spec = (ROOT / "packaging" / "blueprint-editor.spec").read_text(encoding="utf-8")
    assert 'name="blueprint-editor-gui", console=False' in spec
    assert 'name="blueprint-editor", console=True' in spec
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["blueprint-editor"] == "blueprint_editor.cli:main"


def mime_type() -> ET.Element:
    root = ET.parse(LINUX / f"{APP_ID}.mime.xml").getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    (node,) = root.findall(f"{MIME_NS}mime-type")
    assert node.get("type") == MIME_TYPE
    return node


def test_mime_type_is_a_json_subclass_matched_by_the_blueprint_extension():
    node = mime_type()
    assert [e.get("type") for e in node.findall(f"{MIME_NS}sub-class-of")] == ["application/json"]
    globs = [e.get("pattern") for e in node.findall(f"{MIME_NS}glob")]
    assert globs == ["*.blueprint"]
    assert fnmatch.fnmatch("hotel-stay.blueprint", globs[0])
    assert not fnmatch.fnmatch("hotel-stay.json", globs[0])
    assert node.findtext(f"{MIME_NS}comment") == "Service blueprint"


def test_mime_magic_matches_the_start_of_a_file_the_editor_writes():
    from blueprint_editor.core.io import dumps
    from blueprint_editor.core.model import new_blueprint

    (match,) = mime_type().iter(f"{MIME_NS}match")
    start, end = (int(n) for n in match.get("offset").split(":"))
    assert match.get("type") == "string"
    text = dumps(new_blueprint("Hotel stay"))  # what the editor saves
    assert text.find(match.get("value"), start, end + len(match.get("value"))) >= 0


def metainfo() -> ET.Element:
    return ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()


def test_appstream_ids_point_at_the_desktop_entry_the_binary_and_the_mime_type():
    root = metainfo()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    assert root.findtext("name") == desktop_entry()["Name"]
    assert root.findtext("summary")
    assert root.find("description/p") is not None
    (launchable,) = root.findall("launchable")
    assert launchable.get("type") == "desktop-id"
    assert (LINUX / launchable.text).is_file()
    assert [b.text for b in root.findall("provides/binary")] == ["blueprint-editor"]
    assert [m.text for m in root.findall("provides/mediatype")] == [MIME_TYPE]
    assert root.findtext("icon") == desktop_entry()["Icon"]
    assert root.find("content_rating").get("type") == "oars-1.1"


def test_appstream_newest_release_is_the_program_version():
    releases = metainfo().findall("releases/release")
    assert releases, "AppStream data lists no release"
    assert releases[0].get("version") == blueprint_editor.__version__
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", releases[0].get("date"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["version"] == blueprint_editor.__version__


def test_hicolor_icons_exist_at_every_size():
    for size in HICOLOR_SIZES:
        path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "blueprint-editor.png"
        assert png_size(path) == (size, size)


def test_ico_holds_png_images_from_16_to_256():
    data = (ICONS / "blueprint-editor.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        w, h, _, _, planes, bits, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i : 22 + 16 * i])
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(data)
        assert struct.unpack(">II", data[offset + 16 : offset + 24]) == (w or 256, h or 256)
        sizes.append(w or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_every_macos_size():
    data = (ICONS / "blueprint-editor.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos : pos + 4].decode(), struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        png = data[pos + 8 : pos + length]
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        found[kind] = struct.unpack(">II", png[16:24])[0]
        pos += length
    assert found == {
        "icp4": 16,
        "icp5": 32,
        "icp6": 64,
        "ic07": 128,
        "ic08": 256,
        "ic09": 512,
        "ic10": 1024,
        "ic11": 32,
        "ic12": 64,
        "ic13": 256,
        "ic14": 512,
    }


def test_generated_icons_are_current_with_their_svg_source():
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "packaging" / "make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    assert make_icons.check() == []


def test_generated_icons_look_like_the_svg(qapp):
    """A fresh render of the source matches the committed 64 px PNG (tolerant of renderer
    rounding, not of a changed picture)."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    size = 64
    fresh = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    fresh.fill(0)
    painter = QPainter(fresh)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(ICONS / "blueprint-editor.svg")).render(painter)
    painter.end()
    fresh = fresh.convertToFormat(QImage.Format.Format_ARGB32)
    committed = QImage(str(ICONS / "hicolor" / "64x64" / "apps" / "blueprint-editor.png"))
    committed = committed.convertToFormat(QImage.Format.Format_ARGB32)
    diff = 0
    for y in range(size):
        for x in range(size):
            a, b = fresh.pixelColor(x, y), committed.pixelColor(x, y)
            diff += sum(abs(p - q) for p, q in zip(a.getRgb(), b.getRgb(), strict=True))
    assert diff / (size * size * 4) < 2.0
