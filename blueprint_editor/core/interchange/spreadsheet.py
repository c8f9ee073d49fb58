"""CSV, TSV and XLSX files of the table of :mod:`.table` (cells only: no blueprint logic).

XLSX is read and written with openpyxl. A CSV file is read as UTF-8 (with or without a
byte-order mark) and its delimiter sniffed among comma, semicolon and tab (spreadsheets
in many languages write semicolons); TSV is always tab-separated.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from .table import TableError

MAX_CELLS = 2_000_000


def read_csv(data: bytes, suffix: str) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TableError(f"row {line}: the file is not UTF-8 text (save it as CSV UTF-8)") from None
    if suffix == ".tsv":
        delimiter = "\t"
    else:
        try:
            delimiter = csv.Sniffer().sniff(text[:20000], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise TableError(f"not a readable {suffix[1:].upper()} table: {exc}") from None
    if sum(len(r) for r in rows) > MAX_CELLS:
        raise TableError(f"the table has more than {MAX_CELLS:,} cells")
    return rows


def write_csv(rows: list[list[str]], suffix: str) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter="\t" if suffix == ".tsv" else ",", lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def read_xlsx(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, XML and value errors
        raise TableError(f"not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    try:
        sheet = book["Blueprint"] if "Blueprint" in book.sheetnames else book.worksheets[0]
        rows = []
        cells = 0
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            cells += len(row)
            if cells > MAX_CELLS:
                raise TableError(f"the sheet has more than {MAX_CELLS:,} cells")
        return rows
    finally:
        book.close()


def write_xlsx(rows: list[list[str]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Blueprint"
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row, 1):
            if text:
                cell = sheet.cell(row=r, column=c, value=text)
                cell.data_type = "s"  # text stays text: "=1+1" is a title, not a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = {
        "title": 40,
        "description": 40,
        "handoffs": 30,
        "lane": 22,
        "phase": 18,
        "column": 14,
        "owner": 18,
        "data": 20,
    }
    for i, name in enumerate(rows[0]):
        letter = sheet.cell(row=1, column=i + 1).column_letter
        sheet.column_dimensions[letter].width = widths.get(name, 12)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.properties.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
