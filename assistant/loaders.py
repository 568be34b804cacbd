"""File -> Document for .md, .txt, .html, .pdf, .docx, .odt, .csv and .xlsx, with clear errors
for bad files."""

from __future__ import annotations

import hashlib
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

from .documents import Document, Part
from .language import rows
from .tables import Table, from_rows

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # C0 and C1 controls


class LoadError(ValueError):
    """A file that cannot be read as a document; the message says why."""


def supported(path: Path) -> bool:
    """Whether ``path`` has an extension this module can load."""
    return path.suffix.lower() in SUPPORTED


def check_file(path: Path, max_bytes: int | None = None) -> int:
    """Refuse what is not a regular, readable file of a supported type within the size limit.

    Args:
        path: the file.
        max_bytes: the largest size accepted, or ``None`` for no limit.

    Returns:
        The file's size in bytes.

    Raises:
        LoadError: the reason, in one line.
    """
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        raise LoadError(f"unsupported file type {suffix or '(none)'}; use {', '.join(SUPPORTED)}")
    try:
        info = path.stat()  # follows links: a loop or a dangling link fails here
    except OSError as exc:
        reason = "symbolic link loop or dangling link" if path.is_symlink() else exc.strerror
        raise LoadError(f"cannot read file: {reason or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise LoadError("not a regular file (a folder, pipe or device)")
    if max_bytes is not None and info.st_size > max_bytes:
        raise LoadError(f"{info.st_size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB "
                        "limit (KLASTER_MAX_FILE_MB)")
    return info.st_size


def load(path: Path, max_bytes: int | None = None) -> Document:
    """Read one file into a Document.

    Args:
        path: the file.
        max_bytes: refuse files larger than this (``None``: no limit).

    Returns:
        The document with its text parts, title, citation label, kind and year.

    Raises:
        LoadError: the file is empty, binary junk, undecodable, corrupt, too large, not a
            regular file or of an unknown type.
    """
    path = Path(path)
    check_file(path, max_bytes)
    reader = _READERS[path.suffix.lower()]  # check_file refused unknown types
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise LoadError("file is empty")
    try:
        title, parts = reader(data)
    except LoadError:
        raise
    except Exception as exc:  # any library failure on a hostile file costs that file only
        raise LoadError(f"unreadable {path.suffix.lower()} file "
                        f"({type(exc).__name__}: {one_line(exc)})") from exc
    kept = tuple(p for p in parts if p.text.strip())
    if sum(len(p.text.strip()) for p in kept) < 20:
        raise LoadError("no readable text in file (scanned image or empty document?)")
    tabular = path.suffix.lower() in TABULAR
    title = _clean(title) or (path.name if tabular else path.stem.replace("_", " "))
    head = kept[0].text[:800]  # the opening often says what the document is and when
    # and so does front matter, kept out of the text ("- Terbit/Published: 11 November 2019")
    front = _split_front_matter(_decode(data))[0] if reader is _read_markdown else ""
    return Document(
        source=path.name,
        path=str(path.resolve()),
        title=title,
        label=path.name if tabular else citation_label(title, path.stem),
        kind=next((k for k in map(_kind, (title, head, _front_value(front, "kind")))
                   if k != "document"), "document"),
        year=_year(title) or _year(head) or _year(_front_value(front, "date")),
        parts=kept,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _decode_legacy(data: bytes) -> str:
    """Text saved by older Windows or Unix editors: Windows-1252 (a superset of Latin-1's
    letters, the usual legacy encoding of Indonesian and English text), else Latin-1, which maps
    every byte; whether the result is text at all is judged by the control-character check."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    controls = len(_CONTROLS.findall(text))
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise LoadError("binary content in a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_markdown(data: bytes) -> tuple[str, list[Part]]:
    text = _split_front_matter(_decode(data))[1]
    match = re.search(r"^#\s+(.+)$", text, flags=re.MULTILINE)
    return (match.group(1) if match else ""), [Part(text)]


_YAML = re.compile(r"---\n.*?\n---\n", flags=re.DOTALL)
_KEY_VALUES = re.compile(r"(#[^\n]*\n)\s*((?:- [^\n:]{1,40}:[^\n]*\n)+)\s*---\n")


def _split_front_matter(text: str) -> tuple[str, str]:
    """Metadata that is not content, and the rest: YAML front matter, or a block of "- Key:
    value" lines between the title and a ``---`` rule (author and date, or source, licence and
    cleaning notes); the title stays with the text."""
    yaml = _YAML.match(text)
    if yaml:
        return yaml.group(), text[yaml.end():]
    block = _KEY_VALUES.match(text)
    if block:
        return block.group(2), block.group(1) + "\n" + text[block.end():]
    return "", text


def _front_value(front: str, what: str) -> str:
    """The values of the front matter's lines whose key says ``what`` ("date", "kind"), by
    ``data/front_matter_keys.tsv``."""
    keys = [re.compile(pattern) for gives, pattern in rows("front_matter_keys.tsv")
            if gives == what]
    values = []
    for line in front.splitlines():
        key, _, value = line.lstrip("- ").partition(":")
        if value and any(k.search(key.lower()) for k in keys):
            values.append(value)
    return " ".join(values)


def _read_text(data: bytes) -> tuple[str, list[Part]]:
    text = _decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    return (first if len(first) <= 200 else ""), [Part(text)]


def _read_html(data: bytes) -> tuple[str, list[Part]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(data), "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if soup.title:
        soup.title.decompose()
    lines: list[str] = []
    for table in soup.find_all("table"):
        if table.find("table"):
            continue  # a layout table around others: its inner tables are read on their own
        rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
                for tr in table.find_all("tr")]
        caption = table.caption.get_text(" ", strip=True) if table.caption else ""
        found = from_rows(rows, caption)
        if found is not None:
            block = soup.new_tag("pre")
            block.string = _markdown(found)
            table.replace_with(block)
    for block in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "td", "pre", "blockquote"]):
        if block.find(["p", "li", "td"]):
            continue  # the inner blocks are read on their own
        text = block.get_text(" ", strip=True)
        if text:
            level = int(block.name[1]) if block.name in {"h1", "h2", "h3", "h4"} else 0
            lines.append(f"{'#' * level} {text}" if level else text)
    if not lines:
        lines = [soup.get_text("\n", strip=True)]
    if not title:
        title = next((line.lstrip("# ") for line in lines if line.startswith("#")), "")
    return title, [Part("\n\n".join(lines))]


def _read_pdf(data: bytes) -> tuple[str, list[Part]]:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings name no file
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("the PDF is encrypted with a password; save it unencrypted")
        pages = [Part(page.extract_text() or "", page=i) for i, page in enumerate(reader.pages, 1)]
        meta = reader.metadata
        title = (meta.title if meta and meta.title else "") or ""
    except LoadError:
        raise
    except PdfReadError as exc:
        raise LoadError(f"corrupt or unreadable PDF ({one_line(exc)})") from exc
    except Exception as exc:  # pypdf raises many kinds on hostile files; each costs one file
        raise LoadError(f"unreadable PDF ({type(exc).__name__}: {one_line(exc)})") from exc
    return title, pages


def _read_docx(data: bytes) -> tuple[str, list[Part]]:
    import io
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(f"corrupt or unreadable .docx ({one_line(exc)})") from exc
    except Exception as exc:  # malformed XML inside a valid zip, and other library errors
        raise LoadError(f"unreadable .docx ({type(exc).__name__}: {one_line(exc)})") from exc
    lines: list[str] = []
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        style = (para.style.name if para.style is not None else "") or ""
        level = re.match(r"Heading (\d)", style)
        lines.append(f"{'#' * int(level.group(1))} {text}" if level else text)
    for table in document.tables:
        found = from_rows([[cell.text for cell in row.cells] for row in table.rows])
        if found is not None:
            lines.append(_markdown(found))
    title = document.core_properties.title or next(
        (line.lstrip("# ") for line in lines if line.startswith("#")), ""
    )
    return title, [Part("\n\n".join(lines))]


_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ODF_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODF_XML_LIMIT = 200_000_000  # bytes of content.xml: a larger one is a zip bomb, not a document


def _read_odt(data: bytes) -> tuple[str, list[Part]]:
    """OpenDocument text (LibreOffice, Google Docs export): headings become Markdown headings
    one level down (``Heading 1`` -> ``##``), so each is a location; the title is the document's
    own (``meta.xml``) or its first heading. XML is parsed with defusedxml (no entities, no DTD).
    """
    import io
    import zipfile

    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo("content.xml").file_size > _ODF_XML_LIMIT:
                raise LoadError("the .odt's text is over 200 MB unpacked; refused")
            content = ElementTree.fromstring(archive.read("content.xml"))
            names = archive.namelist()
            meta = ElementTree.fromstring(archive.read("meta.xml")) if "meta.xml" in names else None
    except LoadError:
        raise
    except (zipfile.BadZipFile, KeyError) as exc:
        raise LoadError(f"corrupt or unreadable .odt ({one_line(exc)})") from exc
    lines: list[str] = []
    _odt_blocks(content, lines)
    found = meta.find(".//{http://purl.org/dc/elements/1.1/}title") if meta is not None else None
    title = (found.text or "") if found is not None else ""
    title = title.strip() or next((line.lstrip("# ") for line in lines if line.startswith("#")), "")
    return title, [Part("\n\n".join(lines))]


def _odt_blocks(element: Element, lines: list[str]) -> None:
    """Headings, paragraphs and table rows in reading order (list items and frames hold
    paragraphs of their own, so they are walked into)."""
    for child in element:
        if child.tag in (f"{_ODF_TEXT}h", f"{_ODF_TEXT}p"):
            text = _clean(_odt_text(child))
            if text and child.tag == f"{_ODF_TEXT}h":
                level = child.get(f"{_ODF_TEXT}outline-level", "1")
                depth = min(int(level) if level.isdigit() else 1, 5) + 1
                lines.append(f"{'#' * depth} {text}")
            elif text:
                lines.append(text)
            _odt_blocks(child, lines)  # a paragraph's frames and notes hold paragraphs too
        elif child.tag == f"{_ODF_TABLE}table-row":
            cells = [_clean(" ".join(_odt_text(p) for p in cell.iter(f"{_ODF_TEXT}p")))
                     for cell in child if cell.tag == f"{_ODF_TABLE}table-cell"]
            if any(cells):
                lines.append(" | ".join(cells))
        else:
            _odt_blocks(child, lines)


def _odt_text(element: Element) -> str:
    """A paragraph's own text: spans and links read through, spacing elements as one space,
    nested paragraphs (in frames and notes) left to :func:`_odt_blocks`."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in (f"{_ODF_TEXT}s", f"{_ODF_TEXT}tab", f"{_ODF_TEXT}line-break"):
            parts.append(" ")
        elif child.tag not in (f"{_ODF_TEXT}p", f"{_ODF_TEXT}h", f"{_ODF_TEXT}note"):
            parts.append(_odt_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _markdown(table: Table) -> str:
    return "\n".join(table.blocks(10**9))


def _read_csv(data: bytes) -> tuple[str, list[Part]]:
    from .sheets import SheetError, read_csv

    try:
        return read_csv(data)
    except SheetError as exc:
        raise LoadError(str(exc)) from exc


def _read_xlsx(data: bytes) -> tuple[str, list[Part]]:
    from .sheets import SheetError, read_xlsx

    try:
        return read_xlsx(data)
    except SheetError as exc:
        raise LoadError(str(exc)) from exc


_READERS: dict[str, Callable[[bytes], tuple[str, list[Part]]]] = {
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".txt": _read_text,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
    ".odt": _read_odt,
    ".csv": _read_csv,
    ".xlsx": _read_xlsx,
}
SUPPORTED = tuple(_READERS)  # the one list of accepted suffixes (ingest, admin upload)
TABULAR = frozenset({".csv", ".xlsx"})  # one citable record per row

_REGULATION_KINDS = [
    (r"undang-undang|\bUU\b", "UU"),
    (r"peraturan pemerintah|\bPP\b", "PP"),
    (r"peraturan presiden|\bperpres\b", "Perpres"),
    (r"peraturan menteri|\bpermen\w*", "Permen"),
]


def citation_label(title: str, stem: str) -> str:
    """A short citation name: ``UU 3/2014``, ``PP 14/2015``, ``RPJMN 2025-2029`` or the title.

    Args:
        title: the document's title.
        stem: the file name without extension, used when the title is long and unstructured.

    Returns:
        The label.
    """
    if re.search(r"\bRPJMN\b", title):
        years = re.search(r"RPJMN\s+(\d{4})\s*[-–]\s*(\d{4})", title)
        return f"RPJMN {years.group(1)}-{years.group(2)}" if years else "RPJMN"
    number = re.search(r"(?:Nomor|No\.?)\s+(\d+[A-Z]?)\s+Tahun\s+(\d{4})", title, re.IGNORECASE)
    for pattern, short in _REGULATION_KINDS:
        if number and re.search(pattern, title, re.IGNORECASE):
            return f"{short} {number.group(1)}/{number.group(2)}"
    if re.search(r"kawasan ekonomi khusus|\bKEK\b", title, re.IGNORECASE):
        return "PP KEK"
    short = re.split(r"\s[(:\-–]\s?|\s\(", title)[0].strip()
    return short if 0 < len(short) <= 60 else stem.replace("_", " ")[:60]


def _kind(title: str) -> str:
    if re.search(r"undang-undang|peraturan|perpres|\bRPJMN\b|\bPP\b|\bUU\b", title, re.IGNORECASE):
        return "regulation"
    if re.search(r"artikel|article|kompasiana|blog", title, re.IGNORECASE):
        return "article"
    return "document"


def _year(title: str) -> int | None:
    match = re.search(r"Tahun\s+(\d{4})", title) or re.search(r"\b(19\d{2}|20\d{2})\b", title)
    return int(match.group(1)) if match else None


def one_line(error: BaseException | str, limit: int = 200) -> str:
    """An error message on one line of at most ``limit`` characters."""
    text = re.sub(r"\s+", " ", str(error)).strip().strip("\"'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()
