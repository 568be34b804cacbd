"""Table answers: each row of a table passage (with its header) is a candidate span, and a table
answer quotes the header and only the rows that answer, as a small Markdown table."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from ..documents import Passage
from ..language import any_of, word_list
from ..lexical import tokenize
from ..tables import is_figure, is_row_line, is_separator, separator, split_row
from .question import Question, TermGroup
from .spans import Span

MAX_ROWS = 10  # a table answer never quotes more rows than this


def table_header(units: list[str]) -> int | None:
    """Index of the header line of the first Markdown table among a chunk's units."""
    for index in range(len(units) - 1):
        if is_row_line(units[index]) and is_separator(units[index + 1]):
            return index
    return None


def table_spans(passage: Passage, rank: int, units: list[str]) -> list[Span] | None:
    """One span per row (its quote: the row read out with its headers), or ``None`` for a chunk
    that holds no table. The caption and header are the rows' context."""
    head = table_header(units)
    if head is None:
        return None
    header = units[head]
    before = " ".join(units[:head]) or header
    spans = []
    for index in range(head + 2, len(units)):
        if not is_row_line(units[index]):
            continue
        spans.append(Span(passage, rank, (index,), read_out(header, units[index]), before,
                          table=header, row=units[index]))
    return spans


def read_out(header: str, row: str) -> str:
    """A row read out with its headers, a unit in a header after its value ("Luas (ha)" and
    "523,7" read "Luas 523,7 ha"): what the reader scores and checks, as it would a sentence.
    A unit the row's label gives ("Kebutuhan lahan kawasan industri (Ha)") is each figure's
    whose header gives none."""
    out = []
    cells = list(zip(split_row(header), split_row(row), strict=False))
    labels = [_unit(v) for _h, v in cells if v and not is_figure(v)]
    row_unit = next((u[1] for u in labels if u), None)
    for head, value in cells:
        if not value or head.lower() in {"no", "no."}:
            continue
        unit = _unit(head)
        if unit:
            out.append(f"{unit[0]} {value} {unit[1]}")
        elif row_unit and is_figure(value):
            out.append(f"{head} {value} {row_unit}")
        else:
            out.append(f"{head} {value}")
    return "; ".join(out)


_UNIT = re.compile(r"(.*?)\s*\(([^()]{1,20})\)")


def _unit(text: str) -> tuple[str, str] | None:
    """(name, unit) of a header or label ending in a unit in parentheses ("Luas (ha)"); a
    column's number ("(1)") is no unit."""
    match = _UNIT.fullmatch(text)
    if match is None or not (match.group(2) == "%" or any(c.isalpha() for c in match.group(2))):
        return None
    return match.group(1), match.group(2)


def table_quote(span: Span) -> str:
    """What a table answer cites: the header, the separator and the row."""
    return "\n".join([span.table, separator(len(split_row(span.table))), span.row])


def row_as_text(chunk_text: str, row: str) -> str:
    """What is embedded for a table row: the table's caption and each cell after its header
    ("Sasaran: Fasilitasi akses pembiayaan (unit IKM); Periode (1): 5200"), so the row reads as
    a statement; the row itself when the chunk holds no table."""
    lines = chunk_text.split("\n")
    head = table_header(lines)
    if head is None or row in (lines[head], lines[head + 1]):
        return row
    pairs = zip(split_row(lines[head]), split_row(row), strict=False)
    cells = "; ".join(f"{h}: {v}" for h, v in pairs if v and h.lower() not in {"no", "no."})
    return f"{' '.join(lines[:head])} {cells}".strip()


def row_of(span: Span) -> str:
    """The row line a table span quotes."""
    return span.row


def comparative(question: Question) -> bool:
    """Whether a question compares ("tertinggi", "bandingkan", "compare", "highest")."""
    text = question.normalized or question.text
    words = set(re.findall(r"\w+", text.lower()))
    return bool(words & _cues())


@cache
def _cues() -> frozenset[str]:
    return word_list("comparison_cues.txt")




def announced(best: Span, spans: Sequence[Span]) -> Span | None:
    """The first row of the table a prose span announces ("… sebagai berikut:", "… ditunjukkan
    pada Tabel 5.1"), when that table is among the candidates: the chunk right after the
    sentence's own, or a table whose caption carries the number the sentence names."""
    if best.table or not any_of("table_cues.txt", re.IGNORECASE).search(best.quote):
        return None
    chunk = best.passage.chunk
    named = set(re.findall(r"\b[Tt]abel\s+(\d+(?:\.\d+)*)", best.quote))
    for span in spans:
        other = span.passage.chunk
        if not span.table or other.source != chunk.source:
            continue
        caption = re.match(r"\s*[Tt]abel\s+(\d+(?:\.\d+)*)", span.before)
        follows = not named and other.order == chunk.order + 1
        if (caption is not None and caption.group(1) in named) or follows:
            return span
    return None


def answering_rows(question: Question, best: Span, spans: Sequence[Span]) -> list[Span]:
    """The rows of ``best``'s table (in any retrieved chunk of it) that answer the question.

    A row answers when its own cells hold as much of the question's terms as the best rows do
    (terms only the caption or header hold say which table, not which row); when no row holds
    any, the reader's choice stands. A comparison takes every row of the table that was
    retrieved. At most :data:`MAX_ROWS`, in the table's order.
    """
    same = [s for s in spans if s.table == best.table
            and s.passage.chunk.source == best.passage.chunk.source]
    unique: dict[str, Span] = {}
    for span in same:
        unique.setdefault(row_of(span), span)
    rows = list(unique.values())
    if not comparative(question):
        # each term by its own weight: how rare it is in the index says nothing of the rows
        weights = [g.weight if g.stems else 0.0 for g in question.groups]
        held = {row_of(s): _held(question.groups, weights, row_of(s)) for s in rows}
        top = max(held.values(), default=0.0)
        rows = [s for s in rows if held[row_of(s)] >= top - 1e-9] if top > 0 else [best]
    rows.sort(key=lambda s: (s.passage.chunk.order, s.units))
    return rows[:MAX_ROWS]


def _held(groups: Sequence[TermGroup], weights: Sequence[float], row: str) -> float:
    stems, lowered = set(tokenize(row)), row.lower()
    return sum(w for g, w in zip(groups, weights, strict=True) if g.found_in(stems, lowered))


def join_rows(quote: str, more: str) -> str | None:
    """Two row quotes of one table as one (header once), or ``None`` if the headers differ."""
    head, _, row = more.rpartition("\n")
    if not quote.startswith(head + "\n"):
        return None
    return quote if row in quote.split("\n") else f"{quote}\n{row}"


def render(parts: list[tuple[Span, int]], quote: Callable[[Span, int], str]) -> list[str]:
    """The answer's pieces: prose spans through ``quote``, and the rows of each table as one
    Markdown table with a column of citation markers, in the order first chosen."""
    out: list[str] = []
    tables: dict[str, list[tuple[Span, int]]] = {}
    for span, n in parts:
        if not span.table:
            out.append(quote(span, n))
            continue
        if span.table not in tables:
            tables[span.table] = []
            out.append(span.table)  # a placeholder, filled below
        tables[span.table].append((span, n))
    for key, rows in tables.items():
        width = len(split_row(key))
        lines = [key[:-1] + "| |", separator(width + 1)]
        seen: set[str] = set()
        for span, n in rows:
            row = row_of(span)
            if row not in seen:
                seen.add(row)
                lines.append(f"{row[:-1]}| [{n}] |")
        out[out.index(key)] = "\n\n" + "\n".join(lines) + "\n\n"
    return out
