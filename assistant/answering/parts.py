"""Questions that ask several things at once: "brp persen …? trs kegiatan pertamanya apa?".

The whole question is answered as usual; each later part is then read as a follow-up of the
first (it continues the same subject) and may add the span that answers it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from ..language import lines
from ..lexical import stopwords, tokens
from .followup import resolve_followup
from .question import Question

MIN_WORDS = 2  # a part names at least this many content words ("kapan?" alone is no part)


@cache
def _boundary() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lines("question_parts.txt")))


def split_parts(question: str) -> list[str]:
    """The parts of a question, in order; one part when it asks one thing.

    A boundary is kept only when the text on both sides names something of its own, so
    "apa dan bagaimana peran X" stays whole. Linear in the question's length.
    """
    cuts = [m.end() for m in _boundary().finditer(question.lower())]
    bounds: list[list[int]] = []  # [begin, end] of each part
    begin = words = 0  # where the part being read begins; its content words so far
    start = 0
    for cut in [*cuts, len(question)]:
        words += _content_words(question[start:cut])
        start = cut
        if words >= MIN_WORDS:
            bounds.append([begin, cut])
            begin, words = cut, 0
    if bounds and begin < len(question):  # a short tail ("… dan kapan?") ends the last part
        bounds[-1][1] = len(question)
    parts = [question[a:b].strip() for a, b in bounds]
    return parts or [question]


def _content_words(text: str) -> int:
    return sum(1 for t in tokens(text.lower()) if t not in stopwords())


def read_parts(question: Question, analyse: Callable[[str], Question],
               previous: Question | None = None, *earlier: Any) -> Question:
    """Fill ``question.parts`` when it asks several things. The first part, and a later one
    naming something of its own ("…, dan apa penyebab kemiskinan di NTB?"), is resolved as the
    whole question was (``previous`` and ``earlier``: :func:`resolve_followup`'s arguments
    after the question); a later part naming nothing ("and where does it rank nationally?")
    follows up the first."""
    pieces = split_parts(question.normalized)
    if len(pieces) > 1:
        first = resolve_followup(analyse(pieces[0]), previous, *earlier)
        question.parts = [first]
        for piece in pieces[1:]:
            part = analyse(piece)
            if any(g.specific for g in part.groups):
                question.parts.append(resolve_followup(part, previous, *earlier))
            else:
                part.points_back = True  # it goes on about the first part's subject
                question.parts.append(resolve_followup(part, first))
    return question
