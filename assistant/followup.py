"""Follow-up questions resolved from the conversation, without an LLM."""

from __future__ import annotations

import re

from .question import Question

_ELLIPSIS = re.compile(
    r"^\s*(and|dan|lalu|kalau|bagaimana dengan|what about|how about|and what about)\b",
    re.IGNORECASE,
)


def resolve_followup(question: Question, previous: Question | None) -> Question:
    """Fold an earlier turn into a follow-up such as "Berapa luasnya?".

    A question that names nothing specific ("Berapa luasnya?", "how many did they employ?")
    borrows the earlier question's terms: they join the retrieval query and must appear near
    the answer, but need not be in the answering sentence itself. An elliptical question that
    names something new ("Dan KEK Morotai?") keeps the earlier question's intent and attribute.

    Args:
        question: the new question.
        previous: the earlier turn, already resolved; ``None`` at the start.

    Returns:
        The question, with ``context`` and ``query`` filled when it is a follow-up.
    """
    if previous is None:
        return question
    names_something = any(g.specific for g in question.groups)
    if names_something:
        if not (_ELLIPSIS.search(question.text) or (not question.intents
                                                     and len(question.groups) <= 3)):
            return question
        # "Dan KEK Morotai?" after "Berapa luas KEK Palu?": the new name, the old question.
        attribute = [g for g in previous.groups if not g.specific and g.weight >= 1.0
                     and g.word not in {o.word for o in question.groups}]
        question.groups += attribute
        question.intents |= previous.intents
        question.query = f"{question.text} {' '.join(g.word for g in attribute)}".strip()
        return question
    carried = [g for g in previous.groups + previous.context if g.weight >= 1.0]
    own = {g.word for g in question.groups}
    question.context = [g for g in carried if g.word not in own]
    words = " ".join(g.word for g in question.context)
    question.query = f"{question.text} {words}".strip()
    return question
