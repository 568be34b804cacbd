"""Which lists answer a list question: those whose lead-in says what was asked, and the
sentences that list in their own words."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lexical import stem, tokens
from .answer_types import asked_phrase, satisfies
from .question import Question
from .scorer import coverage, names_head, weights_of
from .spans import Span, lead_in

LED = 0.7  # share of the question a list's lead-in must say for the list to be what is asked
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
    # a lead-in that ends by naming what its items are as the asked noun ("Kemitraan
    # dilaksanakan dengan pola:" for "pola kemitraan apa saja") says what was asked; when it
    # also holds most of what qualifies that noun (kemitraan), it is the list asked for, ahead
    # of lists that repeat more of the question's other words
    phrase = asked_phrase(question.normalized)
    named = [s.is_list and names_head(phrase[0] if phrase else None, s.quote) for s in spans]
    ahead = [names and _holds_most(phrase[1:], lead_in(s.quote))
             for s, names in zip(spans, named, strict=True)]
    best = max(leads, default=0.0)
    if best < LED and not any(named):
        return spans
    return [s for s, lead, names, first in zip(spans, leads, named, ahead, strict=True)
            if (first if any(ahead) else lead >= LED or names) or (
        not s.is_list and not s.table and len(s.units) == 1 and not _ITEM_LABEL.match(s.quote)
        and satisfies("list", s.quote) and coverage(question.groups, weights, s.quote) > best)]


def _holds_most(stems: tuple[str, ...], text: str) -> bool:
    """Whether a text holds at least half of some words (by stem); not of none."""
    held = {stem(t) for t in tokens(text)}
    return bool(stems) and 2 * sum(s in held for s in stems) >= len(stems)
