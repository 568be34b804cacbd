"""CSV and XLSX -> one citable record per row: the row under its column headers, located by
sheet and row (``row 5``, ``Sheet1 · row 5``), the way statistics offices publish tables."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from .documents import Part
from .tables import Table, from_rows, row_line, separator

MAX_ROWS = 200_000  # rows read from one file (all sheets); a bigger export should be split
MAX_COLUMNS = 200
MAX_CELL = 2_000  # characters kept of one cell
MAX_UNPACKED = 500 * 1024**2  # an .xlsx that unpacks to more is refused (a zip bomb)


class SheetError(ValueError):
    """A table file that cannot be read; the message says why in one line."""


def record(table: Table, row: tuple[str, ...]) -> str:
    """One row with its header as a Markdown table (the text of its chunk)."""
    return "\n".join([row_line(table.header), separator(len(table.header)), row_line(row)])


def _parts(rows: list[tuple[int, list[str]]], sheet: str = "") -> list[Part]:
    """Records of one sheet: the first non-empty row is the header, row numbers as in the file."""
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if len(rows) < 2:
        return []
    table = from_rows([r for _, r in rows])
    if table is None:
        return []
    where = f"{sheet} · " if sheet else ""
    return [Part(record(table, cells), location=f"{where}row {n}")
            for (n, _), cells in zip(rows[1:], table.rows, strict=True)]


def decode(data: bytes) -> str:
    """CSV bytes as text: a BOM or valid UTF-8 first, else the encoding charset-normalizer
    finds (Windows-1252 and Latin-1 exports are common)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None:
        raise SheetError("not text: no character encoding fits (a binary file named .csv?)")
    return data.decode(best.encoding, errors="replace")


def read_csv(data: bytes) -> tuple[str, list[Part]]:
    """A CSV file's rows as records; the delimiter (, ; tab |) is sniffed from its start."""
    text = decode(data)
    if "\x00" in text:
        raise SheetError("binary content in a .csv file")
    sample = text[:65_536]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for n, row in enumerate(reader, 1):
            if n > MAX_ROWS:
                raise SheetError(f"more than {MAX_ROWS} rows; split the file")
            rows.append((n, [c[:MAX_CELL] for c in row[:MAX_COLUMNS]]))
    except csv.Error as exc:
        raise SheetError(f"malformed CSV at line {reader.line_num}: {exc}") from exc
    parts = _parts(rows)
    if not parts:
        raise SheetError("no data rows under a header row")
    return "", parts


def read_xlsx(data: bytes) -> tuple[str, list[Part]]:
    """Every sheet's rows as records, read with openpyxl in read-only mode (values, not
    formulas)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise SheetError(f"corrupt or unreadable .xlsx (not a zip archive: {exc})") from exc
    if unpacked > MAX_UNPACKED:
        raise SheetError(f"unpacks to {unpacked / 1e6:.0f} MB, over "
                         f"{MAX_UNPACKED / 1e6:.0f} MB; split the workbook")
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a broken workbook
        raise SheetError(f"corrupt or unreadable .xlsx ({type(exc).__name__}: "
                         f"{_one_line(exc)})") from exc
    parts: list[Part] = []
    read = 0
    try:
        for sheet in book.worksheets:
            rows: list[tuple[int, list[str]]] = []
            for n, values in enumerate(sheet.iter_rows(values_only=True), 1):
                read += 1
                if read > MAX_ROWS:
                    raise SheetError(f"more than {MAX_ROWS} rows; split the workbook")
                rows.append((n, [_text(v) for v in values[:MAX_COLUMNS]]))
            parts += _parts(rows, sheet.title)
        title = str(book.properties.title or "")
    finally:
        book.close()
    if not parts:
        raise SheetError("no data rows under a header row in any sheet")
    return title, parts


def _text(value: object) -> str:
    """A cell value as the sheet shows it: whole floats without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)[:MAX_CELL]


def _one_line(error: BaseException) -> str:
    return re.sub(r"\s+", " ", str(error)).strip()[:200]
