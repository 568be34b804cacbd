"""Questions that ask several things at once: "brp persen …? trs kegiatan pertamanya apa?".

The whole question is answered as usual; each subquestion may then add the span that answers
it (``Reader.answer``). A subquestion naming nothing of its own ("and where does it rank
nationally?") goes on about the first one's subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..language import any_of
from ..lexical import words
from .followup import resolve_followup
from .question import Question

MIN_SUBQUESTION_WORDS = 2  # a subquestion names this many content words ("kapan?" is none)
MAX_SUBQUESTIONS = 4  # a longer run of questions: the last one holds the rest




def split_subquestions(question: str) -> list[str]:
    """The subquestions of a question, in order; the question itself when it asks one thing.

    A boundary is kept only when the text before it names something of its own, so "apa dan
    bagaimana peran X" stays whole; a short tail joins the subquestion before it. Linear in
    the question's length.
    """
    bounds: list[list[int]] = []  # [start, end] of each subquestion
    begin = start = count = 0  # where the current one begins; its content words so far
    boundaries = any_of("subquestion_cues.txt", re.IGNORECASE).finditer(question)
    for match in [*boundaries, None]:
        cut = match.start() if match else len(question)
        count += len(words(question[start:cut]))
        start = match.end() if match else len(question)
        if not match or (count >= MIN_SUBQUESTION_WORDS and len(bounds) < MAX_SUBQUESTIONS - 1):
            if count >= MIN_SUBQUESTION_WORDS or not bounds:
                bounds.append([begin, cut])
            else:  # too short to stand alone: it ends the one before
                bounds[-1][1] = cut
            begin, count = start, 0
    pieces = [question[a:b].strip() for a, b in bounds]
    return [p for p in pieces if p] or [question]


def read_subquestions(question: Question, analyse: Callable[[str], Question]) -> list[Question]:
    """The subquestions of an analysed question (none when it asks one thing), unresolved:
    :func:`resolve_subquestions` reads them against the conversation."""
    pieces = split_subquestions(question.normalized)
    return [analyse(piece) for piece in pieces] if len(pieces) > 1 else []


def resolve_subquestions(question: Question, subquestions: list[Question],
                         previous: Question | None = None,
                         previous_sources: list[str] | None = None,
                         previous_places: list[tuple[str, str]] | None = None,
                         previous_quotes: list[str] | None = None) -> Question:
    """Attach the subquestions to the whole. The first is read against the conversation as the
    whole was (the arguments after ``subquestions`` are :func:`resolve_followup`'s); a later one
    is read as a follow-up of the first, never of the conversation, and one naming nothing of
    its own continues the first's subject. Each keeps the whole's named documents, its part of
    a regulation and the documents the index lacks."""
    if not subquestions:
        return question
    first = resolve_followup(subquestions[0], previous, previous_sources, previous_places,
                             previous_quotes)
    resolved = [first]
    for sub in subquestions[1:]:
        sub.points_back = sub.points_back or not any(g.specific for g in sub.groups)
        resolved.append(resolve_followup(sub, first, first.prior_sources, first.prior_places))
    question.subquestions = [
        replace(sub, documents=sub.documents or list(question.documents),
                part=sub.part or question.part,
                unindexed=sub.unindexed or list(question.unindexed))
        for sub in resolved]
    return question
