"""Comparable figures of an answer (label, value, unit, citation), so a chart can show them:
read from the cited table rows, or one figure per cited prose quote."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..documents import Citation
from ..lexical import tokenize
from ..tables import is_row_line, is_separator, split_row
from .question import Question
from .spans import Span

MAX_COMPARED = 6  # prose spans a comparison quotes at most
COMPARE_MARGIN = 3.0  # how far below the best a compared span's score may be

_AMOUNT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)\s*"
    r"(%|persen\b|(?:juta|miliar|milyar|triliun)\b|ha\b|hektar(?:e)?\b|km2|km²|orang\b|unit\b)?",
    re.IGNORECASE)
_UNIT_IN_TEXT = re.compile(r"\(([^()]{1,30})\)\s*$")
_NOT_VALUES = frozenset({"no", "no.", "nomor", "kelompok", "tahun", "year"})


@dataclass(frozen=True)
class Figure:
    """One figure an answer cites: what it measures, its value, its unit and its [n]."""

    label: str
    value: float
    unit: str
    n: int


def parse_number(text: str) -> float | None:
    """A number as Indonesian documents write it: ``"1.090"`` is 1090, ``"18,67"`` is 18.67,
    ``"6,8%"`` is 6.8; ``"1,559,831"`` (English thousands) and ``"10.5"`` are read too.

    Returns:
        The value, or ``None`` when ``text`` is not one number.
    """
    s = text.strip().rstrip("%").strip().replace("–", "-")
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("-").strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"\d+,\d+", s):
        s = s.replace(",", ".")
    elif not re.fullmatch(r"\d+(?:\.\d+)?", s):
        return None
    return sign * float(s)


def figures_of(question: Question, citations: list[Citation]) -> list[Figure]:
    """The comparable figures among an answer's citations: those sharing the most common unit,
    when there are at least two; otherwise none.

    Args:
        question: the analysed question (its terms choose a table's value column).
        citations: the answer's citations; a table quote is header, separator and rows.

    Returns:
        The figures in citation order.
    """
    found: list[Figure] = []
    prose: list[Figure] = []
    for citation in citations:
        lines = citation.quote.split("\n")
        if len(lines) >= 3 and is_row_line(lines[0]) and is_separator(lines[1]):
            found += _table_figures(question, citation.n, lines)
        else:
            figure = _prose_figure(question, citation)
            if figure is not None:
                prose.append(figure)
    found += _relabel(question, prose, citations)
    if len(found) < 2:
        return []
    unit = Counter(f.unit for f in found).most_common(1)[0][0]
    same = [f for f in found if f.unit == unit]
    return same if len(same) >= 2 else []


def unit_of(text: str) -> str | None:
    """The unit of the first figure with a unit in a text ("534 ha" -> "ha"), else ``None``."""
    for match in _AMOUNT.finditer(text):
        if match.group(2):
            unit = match.group(2).lower()
            return {"persen": "%", "hektar": "ha", "hektare": "ha", "milyar": "miliar"}.get(unit,
                                                                                          unit)
    return None


def comparison_spans(question: Question, chosen: list[Span], spans: list[Span],
                     scores: list[float]) -> list[Span]:
    """The further prose spans a comparison needs so each figure has its own citation.

    For each name the question compares ("KEK Bitung dan KEK Sorong") that no chosen span holds,
    the best span that holds it with a figure; for a superlative without names ("KEK terluas"),
    the best span of each other passage stating a figure in the chosen figure's unit. Spans
    score within :data:`COMPARE_MARGIN` of the best, at most :data:`MAX_COMPARED` in all.
    """
    if not chosen or chosen[0].table:
        return []
    unit = unit_of(chosen[0].quote)
    if unit is None:
        return []
    best = max(scores)
    order = sorted(range(len(spans)), key=lambda i: -scores[i])
    pool = [spans[i] for i in order if scores[i] >= best - COMPARE_MARGIN and not spans[i].table
            and unit_of(spans[i].quote) == unit]
    taken = {id(s) for s in chosen}
    used = {s.passage.chunk.id for s in chosen}

    def holds(group_index: int, span: Span) -> bool:
        window = f"{span.passage.chunk.header} {span.before} {span.quote}"
        return question.groups[group_index].found_in(set(tokenize(window)), window.lower())

    names = [i for i, g in enumerate(question.groups) if g.specific
             and not all(holds(i, s) for s in pool)]  # a name every candidate shares compares none
    out: list[Span] = []
    for i in names:
        if any(holds(i, s) for s in chosen + out):
            continue
        found = next((s for s in pool if id(s) not in taken and holds(i, s)), None)
        if found is not None:
            out.append(found)
            taken.add(id(found))
            used.add(found.passage.chunk.id)
    if not names:
        for span in pool:
            if span.passage.chunk.id not in used:
                out.append(span)
                used.add(span.passage.chunk.id)
    return out[: max(0, MAX_COMPARED - len(chosen))]


def _table_figures(question: Question, n: int, lines: list[str]) -> list[Figure]:
    header = split_row(lines[0])
    rows = [split_row(line) for line in lines[2:] if is_row_line(line)]
    rows = [r for r in rows if len(r) == len(header)]
    if not rows:
        return []
    values = [i for i, h in enumerate(header) if h.lower() not in _NOT_VALUES
              and all(parse_number(r[i]) is not None for r in rows)]
    labels = [i for i, h in enumerate(header) if h.lower() not in _NOT_VALUES and i not in values]
    if not values or not labels:
        return []
    column = max(values, key=lambda i: (_overlap(question, header[i]), -i))
    out = []
    for row in rows:
        label = row[labels[0]]
        value = parse_number(row[column])
        if value is None or not label:
            continue
        unit = _unit(row[labels[0]]) or _unit(header[column]) or _unit(header[labels[0]])
        unit = "%" if row[column].endswith("%") else unit or header[column]
        out.append(Figure(label, value, unit, n))
    return out


def _overlap(question: Question, text: str) -> int:
    stems, lowered = set(tokenize(text)), text.lower()
    return sum(1 for g in question.groups if g.found_in(stems, lowered))


def _unit(text: str) -> str:
    match = _UNIT_IN_TEXT.search(text)
    if match:
        return match.group(1).strip()
    return "%" if re.search(r"%|\bpersen\b", text, re.IGNORECASE) else ""


def _prose_figure(question: Question, citation: Citation) -> Figure | None:
    """The first figure with a unit in a prose quote, labelled by what tells it apart (see
    :func:`_relabel`); for now by the name in capitals just before it, or its citation."""
    for match in _AMOUNT.finditer(citation.quote):
        if not match.group(2):
            continue
        value = parse_number(match.group(1))
        if value is None:
            continue
        before = re.search(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s*\(?\s*$",
                           citation.quote[max(0, match.start() - 60):match.start()])
        label = before.group(1) if before else " · ".join(
            x for x in (citation.label, citation.location) if x)
        return Figure(label, value, unit_of(match.group(0)) or "", citation.n)
    return None


def _relabel(question: Question, figures: list[Figure], citations: list[Citation]) -> list[Figure]:
    """Prose figures named by what tells them apart: a name the question compares that only its
    quote holds ("Sorong"), else its citation's place when the places differ."""
    quotes = {c.n: c.quote.lower() for c in citations}
    places = {c.n: c.location or c.label for c in citations}
    names = [g for g in question.groups if g.specific]
    distinct_places = len({places[f.n] for f in figures}) == len(figures)
    out = []
    for figure in figures:
        own = [g.word for g in names if g.word.lower() in quotes[figure.n]
               and sum(g.word.lower() in q for q in quotes.values()) == 1]
        label = own[0].title() if own else places[figure.n] if distinct_places else figure.label
        out.append(Figure(label, figure.value, figure.unit, figure.n))
    return out
