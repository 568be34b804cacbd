"""Which lists answer a list question: those whose lead-in says what was asked, and the
sentences that list in their own words."""

from __future__ import annotations

import re
from collections.abc import Callable

from .answer_types import satisfies
from .question import Question
from .scorer import coverage, weights_of
from .spans import ITEM, Span

LED = 0.7  # share of the question a list's lead-in must say for the list to be what is asked
# a list's next item: after a colon or semicolon, at a line's start (spaces before it read
# once: a run of blank lines stays linear), or numbered before a capital as a flattened table
# runs its cells on ("… Periode 2020-2035 20. Penguatan konektivitas …")
_NEXT_ITEM = re.compile(rf"(?:[:;]\s*|\n[^\S\n]*){ITEM.pattern}|\s\d{{1,2}}\.\s+(?=[A-Z])")
# an item's own label ("a. ", "1) "); a numbered paragraph ("(2) ") is a sentence
_ITEM_LABEL = re.compile(r"[a-z0-9]{1,2}[.)]\s")


def led_by_the_question(question: Question, spans: list[Span],
                        idf: Callable[[str], float]) -> list[Span]:
    """For a list question, the lists whose lead-in says what was asked ("… antara lain
    berupa: 1) …"), when there are any, rather than a list one of whose items repeats it; a
    sentence that lists in its own words ("… meliputi energi dan lahan kawasan industri") and
    says more of the question than the best lead-in stays too. (An English question's words
    are not the documents': its coverage says too little.)"""
    if "list" not in question.types or question.language != "id":
        return spans
    weights = weights_of(question.groups, idf)
    leads = [coverage(question.groups, weights, lead_in(s.quote)) if s.is_list else 0.0
             for s in spans]
    best = max(leads, default=0.0)
    if best < LED:
        return spans
    return [s for s, lead in zip(spans, leads, strict=True) if lead >= LED or (
        not s.is_list and not s.table and len(s.units) == 1 and not _ITEM_LABEL.match(s.quote)
        and satisfies("list", s.quote) and coverage(question.groups, weights, s.quote) > best)]


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
