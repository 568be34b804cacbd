"""Pure functions: Document -> list[Chunk], split by structure and never inside a sentence."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from .documents import Chunk, Document
from .language import lines, word_list
from .tables import Table, find_flattened, is_row_line, parse_markdown

_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9•]|[a-z][.)]\s)|(?<=:)\s+(?=(?:[a-z]|\d{1,2})[.)]\s)"
)
_PASAL = re.compile(r"^Pasal\s+(\d+[A-Z]?)\s*$")
_BAB = re.compile(r"^BAB\s+([IVXLC]+)\b")
_PART_LINE = re.compile(r"^(?:Bagian|Paragraf)\s+\S+(?:\s+\S+){0,8}$")
_HEADING = re.compile(r"^(#{1,6})\s+(?=\S)")
_ROMAN_SECTION = re.compile(r"\b([IVX]{1,4})\.\s+((?:[A-Z][A-Z,/&-]+\s+){1,12}[A-Z][A-Z,/&-]+)")
_LIST_START = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|[•\-*–]\s|\d+\)\s|Pasal\s|BAB\s)")


def split_sentences(text: str) -> list[str]:
    """Split text into sentences, keeping list markers, abbreviations and numbers intact.

    Args:
        text: a paragraph, or a chunk's text (whose lines are its units).

    Returns:
        The sentences, stripped, none empty.
    """
    if "\n" in text:
        return [s for line in text.split("\n") for s in split_sentences(line)]
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        word = _word_before(text, start, match.start())
        if word in word_list("abbreviations.txt") or re.fullmatch(r"[a-z]|\d{1,3}|[ivx]{1,4}",
                                                                   word):
            continue  # "No. 3", "a. bahwa", "1. Tahap", "II. SASARAN" are not sentence ends
        pieces.append(text[start : match.start()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [b.strip() for p in pieces for b in re.split(r"\s(?=•)", p) if b.strip()]


def _word_before(text: str, start: int, end: int) -> str:
    """The lower-cased word before the sentence-ending mark at ``end``, read from a short window
    (abbreviations are short), so skipping many of them stays linear."""
    tail = text[max(start, end - 24) : end].rstrip("\"”’)")
    token = tail.rsplit(None, 1)[-1] if tail.strip() else ""
    return token[:-1].lower() if len(token) > 1 and token[-1] in ".!?:" else ""


def _heading(line: str) -> tuple[int, str] | None:
    """``(level, title)`` of a Markdown heading line, closing hashes dropped; linear."""
    match = _HEADING.match(line)
    if not match:
        return None
    rest = line[match.end():]
    return len(match.group(1)), rest.rstrip("#").rstrip() or rest[0]


@dataclass
class _Place:
    """Where the walker is in a document's structure."""

    heading: str = ""
    subheading: str = ""
    pasal: str = ""
    part: str = ""  # "", "Penjelasan" or "Lampiran"
    section: str = ""  # a Lampiran's roman-numbered section
    page: int | None = None
    record: str = ""  # a CSV/XLSX row: "row 5", "Sheet1 · row 5"

    def location(self) -> str:
        if self.record:
            return self.record
        bits = [self.heading] if self.heading else []
        if self.pasal:
            bits.append(f"{self.part} Pasal {self.pasal}".strip())
        elif self.part == "Lampiran":
            bits.append(f"Lampiran {self.section}".strip())
        elif self.part:
            bits.append(self.part)
        elif self.subheading:
            bits.append(self.subheading)
        if self.page is not None:
            bits.append(f"hlm. {self.page}")
        return " · ".join(bits)


class TableBlock(str):
    """A table's caption, header and whole rows in Markdown: a chunk of its own."""


def _table_blocks(table: Table, size: int, max_chars: int) -> Iterator[str]:
    for block in table.blocks(size):
        if len(block) <= max_chars:
            yield TableBlock(block)
        else:  # one row longer than a chunk: its words, as prose
            yield from _hard_split(" ".join(block.split()), max_chars)


def _units(text: str, place: _Place, max_chars: int, size: int = 900) -> Iterator[str]:
    """Yield the sentences (and table blocks) in reading order, updating the place from
    structure."""
    paragraph: list[str] = []
    rows: list[str] = []

    def flush() -> Iterator[str]:
        joined = " ".join(paragraph).strip()
        paragraph.clear()
        for piece in find_flattened(joined) if joined else []:
            if isinstance(piece, Table):
                yield from _table_blocks(piece, size, max_chars)
                continue
            for sentence in split_sentences(piece):
                _note_markers(sentence, place)
                for unit in split_boilerplate(sentence):
                    yield from _hard_split(unit, max_chars)

    def flush_rows() -> Iterator[str]:
        table = parse_markdown(rows)
        if table is not None:
            yield from flush()
            yield from _table_blocks(table, size, max_chars)
        else:
            paragraph.extend(rows)
        rows.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        if is_row_line(line):
            rows.append(line)
            continue
        if rows:
            yield from flush_rows()
        heading = _heading(line)
        pasal = _PASAL.match(line)
        bab = _BAB.match(line)
        if not line or line == "---" or heading or pasal or bab:
            yield from flush()
            if heading:
                _enter_heading(place, *heading)
            elif pasal:
                place.pasal = pasal.group(1)
            elif bab:  # a new BAB ends the previous Pasal; the location does not name BABs
                place.pasal = ""
            continue
        if _PART_LINE.match(line) and not re.search(r"[.;:]$", line):
            yield from flush()  # "Bagian Kesatu Umum" is a heading, not the next sentence's start
            paragraph.append(line)
            yield from flush()
            continue
        ends_sentence = bool(paragraph) and re.search(r"[.!?;:]\s*$", paragraph[-1])
        if paragraph and (ends_sentence or _LIST_START.match(line)):
            yield from flush()
        paragraph.append(line)
    yield from flush()


CITATION_CHARS = 400  # a gazette citation in parentheses is shorter than this
_CAPITALS_RUN = re.compile(r"(?:\b[A-Z][A-Z0-9.,/()-]*+\s++)++")


def split_boilerplate(sentence: str) -> list[str]:
    """Cut a flattened line where the furniture of a regulation (signature, gazette number,
    "PENJELASAN ATAS …" header) starts and where a run of capitals gives way to prose again, so
    boilerplate is a unit of its own that the reader can leave unquoted."""
    cuts = {m.start() for m in _boilerplate_starts().finditer(sentence)
            if not cited_inline(sentence, m.start())}
    cuts |= {m.end() for m in _CAPITALS_RUN.finditer(sentence)
             if m.group().count(" ") >= 3 and re.match(r"[A-Z][a-z]", sentence[m.end():])}
    edges = [0, *sorted(c for c in cuts if 0 < c < len(sentence)), len(sentence)]
    pieces = [sentence[a:b].strip() for a, b in zip(edges, edges[1:], strict=False)]
    return [p for p in pieces if p]


def cited_inline(sentence: str, start: int) -> bool:
    """Whether the furniture at ``start`` is a parenthesis the sentence goes on after: "… tentang
    Perindustrian (Lembaran Negara … Nomor 3274) dicabut dan dinyatakan tidak berlaku" cites
    a gazette inside a rule, which stays one sentence; a list of legal bases ends with it."""
    if not sentence.startswith("(", start):
        return False
    depth = 0
    for at in range(start, min(len(sentence), start + CITATION_CHARS)):  # linear in the text
        depth += {"(": 1, ")": -1}.get(sentence[at], 0)
        if depth == 0:
            return re.search(r"\w", sentence[at + 1:at + 1 + CITATION_CHARS]) is not None
    return False


@cache
def _boilerplate_starts() -> re.Pattern[str]:
    patterns = [p for p in lines("boilerplate.txt") if not p.startswith("^")]
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _enter_heading(place: _Place, level: int, title: str) -> None:
    title = re.sub(r"\s+", " ", title)[:80]
    if level == 1:
        return  # the document title is the label already
    if level == 2:
        place.heading, place.subheading = title, ""
        place.pasal = place.part = place.section = ""
    else:
        place.subheading = title


def _note_markers(sentence: str, place: _Place) -> None:
    """Notice structure that flattened text carries mid-line (PENJELASAN, LAMPIRAN, sections)."""
    if "PENJELASAN ATAS" in sentence:
        place.part, place.pasal = "Penjelasan", ""
    if re.search(r"\bLAMPIRAN\s+(?:PERATURAN|UNDANG|KEPUTUSAN)", sentence):
        place.part, place.pasal, place.section = "Lampiran", "", ""
    if place.part == "Lampiran":
        for match in _ROMAN_SECTION.finditer(sentence):
            words = match.group(2).split()
            if len(words[-1]) == 1:
                words = words[:-1]  # the next sentence's first capital, glued on
            if len(words) >= 2:
                place.section = f"{match.group(1)}. {' '.join(words).title()}"


def _hard_split(sentence: str, max_chars: int) -> list[str]:
    """Split an over-long sentence at word boundaries, and a word longer than ``max_chars``
    (a run of letters without spaces) into pieces of ``max_chars``."""
    if len(sentence) <= max_chars:
        return [sentence]
    pieces: list[str] = []
    current: list[str] = []
    length = -1
    for word in sentence.split():
        for start in range(0, len(word), max_chars):
            piece = word[start : start + max_chars]
            if current and length + 1 + len(piece) > max_chars:
                pieces.append(" ".join(current))
                current, length = [], -1
            current.append(piece)
            length += 1 + len(piece)
    if current:
        pieces.append(" ".join(current))
    return pieces


def chunk_document(document: Document, size: int = 900, max_chars: int = 1100) -> list[Chunk]:
    """Pack a document's sentences into chunks of about ``size`` characters.

    A chunk starts afresh where the structure changes (a new Pasal, heading or page) once it holds
    at least a third of ``size``, so a citation names one place; short neighbours are merged and
    their location becomes a range such as ``Pasal 3–5``.

    Args:
        document: the loaded document.
        size: target characters per chunk.
        max_chars: no chunk is longer, unless a single word is.

    Returns:
        The chunks in reading order; ids are hashes of the document's path and content.
    """
    if size > max_chars:
        raise ValueError("size must not exceed max_chars")
    chunks: list[Chunk] = []
    seen: set[str] = set()
    repeats: dict[str, str] = {}  # id of a repeated text -> the last id given to it
    texts: list[str] = []
    held = 0  # characters in texts, kept as a running sum
    first: _Place | None = None
    last: _Place | None = None
    place = _Place()

    def emit() -> None:
        if texts:
            chunk = _make_chunk(document, "\n".join(texts), _span(first, last), len(chunks))
            base, chunk_id = chunk.id, repeats.get(chunk.id, chunk.id)
            while chunk_id in seen:  # the same boilerplate again: continue its chain of hashes
                chunk_id = hashlib.sha256(chunk_id.encode()).hexdigest()[:32]
            repeats[base] = chunk_id
            seen.add(chunk_id)
            chunk = replace(chunk, id=chunk_id)
            chunks.append(chunk)
        texts.clear()

    for part in document.parts:
        if part.location is not None:  # a table row from a CSV or XLSX: one record, one chunk
            emit()
            first = last = _Place(record=part.location)
            text = part.text if len(part.text) <= max_chars else " ".join(part.text.split())
            for piece in _hard_split(text, max_chars) if len(text) > max_chars else [text]:
                texts.append(piece)
                emit()
            held = 0
            continue
        place.page = part.page
        for sentence in _units(part.text, place, max_chars, size):
            here = replace(place)
            if isinstance(sentence, TableBlock):  # a table is a chunk of its own, header and all
                emit()
                first = last = here
                texts.append(sentence)
                emit()
                held = 0
                continue
            length = held
            moved = last is not None and here.location() != last.location()
            # A new heading or part (Penjelasan, Lampiran) always starts a chunk; a new Pasal
            # or page does once the chunk holds a third of its size.
            new_section = last is not None and (here.heading, here.subheading, here.part) != (
                last.heading, last.subheading, last.part)
            if texts and (length + len(sentence) > size or new_section
                          or (moved and length >= size // 3)):
                carry = not moved and len(texts) > 1 and texts[-1].endswith(":")
                intro = texts.pop() if carry else None
                emit()
                if intro:  # a list's lead-in stays with its first item
                    texts.append(intro)
                held = len(intro) + 1 if intro else 0
            if not texts:
                first = here
            texts.append(sentence)
            held += len(sentence) + 1
            last = here
    emit()
    return chunks


def _span(first: _Place | None, last: _Place | None) -> str:
    if first is None or last is None:
        return ""
    start, end = first.location(), last.location()
    if start == end or not end:
        return start
    same_place = first.part == last.part and first.heading == last.heading
    if same_place and first.pasal and last.pasal and first.pasal != last.pasal:
        start = start.replace(f"Pasal {first.pasal}", f"Pasal {first.pasal}–{last.pasal}")
    if first.page is not None and last.page is not None and first.page != last.page:
        start = start.replace(f"hlm. {first.page}", f"hlm. {first.page}–{last.page}")
    return start or end


def _make_chunk(document: Document, text: str, location: str, order: int) -> Chunk:
    # The document's path, not its name: two files named alike never share a chunk id.
    digest = hashlib.sha256(f"{document.path}\x00{location}\x00{text}".encode()).hexdigest()
    return Chunk(
        id=digest[:32],
        source=document.source,
        title=document.title,
        label=document.label,
        kind=document.kind,
        year=document.year,
        location=location,
        text=text,
        order=order,
    )
