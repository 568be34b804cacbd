"""Candidate answer spans: a sentence, a list item with its lead-in, a list, a long sentence's
clause, or a table row with its header; never promulgation or signature boilerplate."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..chunking import split_sentences
from ..documents import Passage
from ..tables import is_row_line
from .patterns import enactment, is_boilerplate

MAX_LIST_CHARS = 2000  # a list of nine long items: all of it, not five
LONG_SENTENCE = 420  # longer sentences also offer their clauses, so a quote stays short
ITEM = re.compile(r"\(?[a-z0-9]{1,2}[.)]\s")  # a list item's marker: "a. ", "1) ", "(2) "
# a list's next item: after a colon or semicolon, at a line's start (spaces before it read
# once: a run of blank lines stays linear), or numbered before a capital as a flattened table
# runs its cells on ("… Periode 2020-2035 20. Penguatan konektivitas …")
_NEXT_ITEM = re.compile(rf"(?:[:;]\s*|\n[^\S\n]*){ITEM.pattern}|\s\d{{1,2}}\.\s+(?=[A-Z])")
_FIRST_ITEM = re.compile(r"(?:1|a)\.\s")  # a numbered list's first item, as tables read
_CLOSING = (".", ";", ",", "!", "?")
_CLOSING_MARKS = ")]”’\"'"  # a sentence may close inside a bracket or a quotation
NESTED_ITEMS = 30  # how far past a list inside a list the outer list's next item is looked for


@dataclass
class Span:
    """A stretch of one passage that could be quoted as the answer."""

    passage: Passage
    rank: int  # the passage's retrieval rank
    units: tuple[int, ...]  # indices of the sentences it draws on
    quote: str  # verbatim text of the passage
    before: str  # the sentence before, as context
    is_list: bool = False
    enactment: bool = False  # the "Ditetapkan di … pada tanggal …" line
    table: str = ""  # a table row's header line; the quote reads the row out with its headers
    row: str = ""  # the table row, as a Markdown line


def chunk_units(text: str) -> list[str]:
    """A chunk's sentences, the units that are embedded and quoted; a table row is one unit,
    and so is each item of a numbered list written on one line."""
    if "|" not in text:
        return [item for s in split_sentences(text) for item in inline_items(s)]
    return [item for line in text.split("\n")
            for u in ([line.strip()] if is_row_line(line) else split_sentences(line))
            for item in ([u] if is_row_line(u) else inline_items(u))]


_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))(\d{1,2})\.\s+(?=[A-Z(“\"])")


def inline_items(sentence: str) -> list[str]:
    """A numbered list run together on one line ("… 12. Revitalisasi kawasan … 13. Pembentukan
    kelembagaan …", as a flattened two-column table reads) cut into its items. A number counts
    as an item's only when the number before or after it marks an item too, so "sebesar 5.
    Kemudian" stays whole."""
    marks = [(m.start(), int(m.group(1))) for m in _INLINE_NUMBER.finditer(sentence)]
    numbers = {n for _, n in marks}
    cuts = [start for start, n in marks if start and (n - 1 in numbers or n + 1 in numbers)]
    if not cuts:
        return [sentence]
    bounds = [0, *cuts, len(sentence)]
    return [piece for a, b in itertools.pairwise(bounds) if (piece := sentence[a:b].strip())]


def candidate_spans(passages: list[Passage]) -> list[Span]:
    """Every span of the passages that could answer, best passages first."""
    from .tables import table_spans

    spans: list[Span] = []
    for rank, passage in enumerate(passages):
        units = chunk_units(passage.chunk.text)
        rows = table_spans(passage, rank, units)
        if rows is not None:
            spans += rows
            continue
        lead = None
        for index, unit in enumerate(units):
            boiler = is_boilerplate(unit)
            if boiler and not enactment(unit):
                lead = None
                continue
            before = units[index - 1] if index else ""
            if leads_in(units, index):
                lead = index
                items, quote = [index], unit
                for k in range(index + 1, len(units)):
                    if len(quote) + len(units[k]) > MAX_LIST_CHARS or is_boilerplate(units[k]):
                        break
                    items.append(k)
                    quote = f"{quote} {units[k]}"
                spans.append(Span(passage, rank, tuple(items), quote, before, is_list=True))
                continue
            if lead is not None and lead != index - 1 and _FIRST_ITEM.match(unit):
                lead = None  # a list opening again is another list (a table's next row)
            if lead is not None and ITEM.match(unit) and unit[:1].isalnum():
                quote = f"{units[lead]} {unit}" if lead == index - 1 else unit
                spans.append(Span(passage, rank, (lead, index), quote, units[lead]))
            else:
                lead = None if not ITEM.match(unit) else lead
                spans.append(Span(passage, rank, (index,), unit, before, enactment=boiler))
            if len(unit) > LONG_SENTENCE and not boiler:
                for clause in _clauses(unit):
                    spans.append(Span(passage, rank, (index,), clause, before))
    return spans


_MARKER = re.compile(r"^\s*(\(?)([a-z]|\d{1,2})([.)])\s")
_OPEN_ITEM = re.compile(
    r"^\s*\(?[a-z0-9]{1,2}[.)]\s.*(?:[;,]|;\s*(?:dan/atau|dan|atau|and/or|and|or))\s*$", re.I)


def ends_in_a_list(text: str, following: str | None = None) -> bool:
    """Whether a chunk stops inside a list: its last line announces one ("meliputi:") or is an
    item that another follows ("b. ketersediaan infrastruktur transportasi;"), or, when the
    next chunk's text is given, an item whose next marker opens it ("b. … GVCs)." then "c. …":
    items do not always end in a semicolon)."""
    lines = text.rstrip().splitlines()
    last = lines[-1] if lines else ""
    if last.endswith(":") or _OPEN_ITEM.match(last) is not None:
        return True
    marker = _MARKER.match(last)
    if following is None or marker is None:
        return False
    return following.lstrip().startswith(f"{_next_marker(marker)} ")


def ends_in_an_item(text: str) -> bool:
    """Whether a chunk's last line is a list item (the next chunk may go on with the list)."""
    lines = text.rstrip().splitlines()
    return bool(lines) and _MARKER.match(lines[-1]) is not None


def list_continuation(text: str, limit: int = MAX_LIST_CHARS) -> str:
    """The list items a chunk opens with, continuing a list the chunk before began: whole lines,
    up to the item that closes the list or ``limit`` characters."""
    taken: list[str] = []
    size = 0
    for line in text.lstrip().splitlines():
        if not ITEM.match(line.strip()) or size + len(line) > limit:
            break
        taken.append(line)
        size += len(line)
        if not _OPEN_ITEM.match(line):  # "d. … Industri Hijau." closes the list
            break
    return "\n".join(taken)


def leads_in(units: list[str], index: int) -> bool:
    """Whether sentence ``index`` announces a list: it ends in a colon, or holds one and the
    next sentence is a list item (OCR can leave debris after "meliputi:"), or it is a label
    with no closing stop a list opening at "1." or "a." follows (a flattened table's row), or
    it is an item the first item of a list marked another way follows ("b. Pengembangan
    sentra Industri kreatif, antara lain;" then "1) bantuan mesin …": a list inside the list,
    though the lead-in's colon is a semicolon)."""
    unit = units[index]
    if unit.endswith(":"):
        return index + 1 < len(units)
    following = units[index + 1] if index + 1 < len(units) else ""
    if ":" in unit and ITEM.match(following) is not None:
        return True
    if _FIRST_ITEM.match(following) and not ITEM.match(unit) and not is_boilerplate(unit) \
            and not unit.rstrip().rstrip(_CLOSING_MARKS).endswith(_CLOSING):
        # a flattened table's label before its numbered cell ("… 1 Memenuhi kebutuhan dalam
        # negeri dan substitusi impor" then "1. Pertumbuhan nilai impor"): a heading, not a
        # sentence, that a list opening at one follows (a label run into the last item of the
        # row before, "5. Proporsi bahan baku impor 2 Meningkatkan …", cannot be told apart
        # from that item, and leads nothing in)
        return True
    own, inner = _MARKER.match(unit), _MARKER.match(following)
    if own is None or inner is None or inner.group(2) not in {"1", "a"} or \
            _style(own) == _style(inner) or unit.rstrip().endswith("."):
        # an item that ends its sentence closes its list: "b. … pengangkutan." then "(1) …"
        # opens the next article
        return False
    # and the outer list goes on after the inner one ("c. Pelatihan …"): a last item of
    # "Menimbang" ("d. bahwa …;") is not the lead-in of the "Mengingat" list after it
    resumed = re.compile(rf"(?:^|\s){re.escape(_next_marker(own))}\s")
    return any(resumed.search(later) for later in units[index + 2 : index + 2 + NESTED_ITEMS])


def _style(marker: re.Match[str]) -> tuple[str, bool, str]:
    """How a list marks its items: "(1)", "1)", "1.", "a." and "a)" are five styles."""
    opening, mark, closing = marker.groups()
    return opening, mark.isdigit(), closing


def _next_marker(marker: re.Match[str]) -> str:
    """The marker after this one in its list: "b." -> "c.", "(2)" -> "(3)"."""
    opening, mark, closing = marker.groups()
    after = chr(ord(mark) + 1) if mark.isalpha() else str(int(mark) + 1)
    return f"{opening}{after}{closing}"


def _clauses(sentence: str, target: int = 260) -> list[str]:
    """Runs of whole clauses (cut after ";" or ",") of about ``target`` characters."""
    pieces = re.split(r"(?<=[;,])\s+", sentence)
    out: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(piece) > target:
            out.append(current)
            current = piece
        else:
            current = f"{current} {piece}".strip()
    if current and out:
        out.append(current)
    return [c for c in out if len(c) >= 40]


def lead_in(quote: str) -> str:
    """A list's text before its first item (a lead-in may itself be an item: "a. … berupa:")."""
    body = quote.lstrip()
    first = ITEM.match(body)
    body = body[first.end():] if first else body
    # the next item follows a colon, semicolon or line break ("ayat (2) dikenai" is a
    # reference), or is numbered before a capital, as a flattened table runs its cells on
    # ("… Periode 2020-2035 20. Penguatan konektivitas …")
    after = _NEXT_ITEM.search(body)
    return body[:after.start() + 1].rstrip() if after else body
