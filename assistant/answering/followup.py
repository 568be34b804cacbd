"""Follow-up questions recognised ("luasnya", "selain itu", "they") and resolved from the
conversation, without an LLM."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from ..language import any_of, indonesian_terms, table, word_list
from ..lexical import stem, stopwords, tokens

if TYPE_CHECKING:
    from .question import Question

_WORD = re.compile(r"[^\W_]+")


def resolve_followup(
    question: Question, previous: Question | None, previous_sources: list[str] | None = None,
    previous_places: list[tuple[str, str]] | None = None,
    previous_quotes: list[str] | None = None,
) -> Question:
    """Fold the earlier turn into a follow-up such as "Di kecamatan mana letaknya?".

    A question that points back ("-nya", "tersebut", "di sana", "it", "there") or names nothing
    of its own continues the earlier subject: the earlier names become required context (the
    answering passage must hold them), the earlier terms join the retrieval query, and the files
    the earlier answer cited are searched first; a passage from an article the earlier answer
    quoted continues the subject whatever words it repeats. An elliptical question that names
    something new ("Dan KEK Morotai?") keeps the earlier question's answer type and attribute;
    one that points back and names something beside the earlier subject ("Usulan tersebut
    diajukan ke Dewan Nasional …?") keeps the earlier subject too, unless a new name takes an
    earlier name's place (:func:`replaces`).

    Args:
        question: the new question.
        previous: the earlier turn, already resolved; ``None`` at the start.
        previous_sources: files the earlier answer cited.
        previous_places: ``(file, article)`` of each passage the earlier answer quoted.
        previous_quotes: what the earlier answer quoted: a follow-up often asks about something
            it mentions, which another passage tells.

    Returns:
        The question, with ``context``, ``query``, ``prior_sources``, ``prior_places`` and
        ``prior_quotes`` filled when it follows up.
    """
    if previous is None:
        return question
    question.prior_quotes = list(previous_quotes or [])
    if question.points_back:
        # "the first one", "yg kedua itu": an ordinal in a follow-up counts the earlier answer's
        # items; the passage that answers need not say it
        for group in question.groups:
            if group.ordinal:
                group.specific, group.weight = False, 0.3
    own_names = any(g.specific for g in question.groups)
    elliptical = not question.types and len(question.groups) <= 3
    if own_names:
        if not (question.points_back or elliptical):
            return question
        if question.points_back and not elliptical and not replaces(question, previous):
            return _carry(question, previous, previous_sources, previous_places)
        # "Dan KEK Morotai?" after "Berapa luas KEK Palu?": the new name, the old question.
        attribute = [g for g in previous.groups if not g.specific and g.weight >= 1.0
                     and g.word not in {o.word for o in question.groups}]
        question.groups += attribute
        question.types = question.types or list(previous.types)
        if previous.measured is not None and question.measured is None:
            words = [g.word for g in question.groups]
            measured = previous.groups[previous.measured].word
            question.measured = words.index(measured) if measured in words else None
        question.query = f"{question.normalized} {' '.join(g.word for g in attribute)}".strip()
        return question
    return _carry(question, previous, previous_sources, previous_places)


def _carry(question: Question, previous: Question, previous_sources: list[str] | None,
           previous_places: list[tuple[str, str]] | None) -> Question:
    """The earlier subject becomes required context; the earlier answer's files come first."""
    carried = [g for g in previous.groups + previous.context
               if not g.ordinal and (g.specific or g.weight >= 1.0)]
    own = {g.word for g in question.groups}
    question.context = [g for g in carried if g.word not in own]
    question.prior_sources = list(previous_sources or previous.prior_sources)
    question.prior_places = list(previous_places or [])
    question.referents = referents(question.normalized, question.prior_quotes)
    carried_words = " ".join([*(g.word for g in question.context), *question.referents])
    question.query = f"{question.normalized} {carried_words}".strip()
    return question


_CLAUSE = re.compile(r"[^,.;:()]+")
_REACH = 4  # words after the kind noun in which the earlier answer names the thing


def referents(question: str, quotes: list[str]) -> list[str]:
    """The names the earlier answer gave what a follow-up points at by its kind: after "…
    dengan komoditas unggulan kakao Ransiki …", "komoditas tersebut" is Ransiki's cacao, and a
    passage on Ransiki continues the conversation though it names no province.

    Args:
        question: the follow-up, normalised.
        quotes: what the earlier answer quoted.

    Returns:
        Each name (lower case, its words space-separated): the first run of capitalised words
        within a few words after the kind in a quote's clause, less the place words and
        function words that introduce it ("Provinsi"). The kind is the word a demonstrative
        follows (Indonesian) or precedes (English).
    """
    sides = table("demonstratives.tsv")
    words = tokens(question)
    kinds: set[str] = set()
    for i, word in enumerate(words):
        side = sides.get(word)
        j = i - 1 if side == "after" else i + 1 if side == "before" else -1
        if 0 <= j < len(words) and words[j] not in stopwords() and words[j].isalpha():
            kinds |= {stem(words[j]), *map(stem, indonesian_terms(words[j]))}
    if not kinds:
        return []
    generic = stopwords() | word_list("place_words.txt")
    found: dict[str, None] = {}  # ordered, and linear to add to
    for clause in (c for quote in quotes for c in _CLAUSE.findall(quote)):
        said = _WORD.findall(clause)
        for i, word in enumerate(said):
            if stem(word.lower()) not in kinds:  # "Komoditas" opening a sentence too
                continue
            run: list[str] = []
            for following in said[i + 1:i + 1 + _REACH]:
                if following[:1].isupper() and following.lower() not in generic:
                    run.append(following.lower())
                elif run:
                    break
            if run:
                found.setdefault(" ".join(run))
    return list(found)


def replaces(question: Question, previous: Question) -> bool:
    """Whether a name the follow-up says stands where one of the earlier question's names
    stood: next to the same word ("KEK Morotai" after "KEK Palu"), so it is a sibling taking
    the earlier name's place, not a second thing beside it ("Dewan Nasional KEK" after
    "KEK Morotai")."""
    old_words = {g.word for g in previous.groups + previous.context}
    new_names = {g.word for g in question.groups if g.specific} - old_words
    old_names = {g.word for g in previous.groups + previous.context if g.specific} \
        - {g.word for g in question.groups}
    if not new_names or not old_names:
        return False
    now, before = _neighbours(question.normalized), _neighbours(previous.normalized)
    return any(now.get(n, set()) & before.get(o, set()) for n in new_names for o in old_names)


def _neighbours(text: str) -> dict[str, set[tuple[str, str]]]:
    """Each lower-case word's neighbours, as ("left", word) and ("right", word)."""
    words = [w.lower() for w in _WORD.findall(text)]
    out: dict[str, set[tuple[str, str]]] = {}
    for i, word in enumerate(words):
        side = out.setdefault(word, set())
        if i:
            side.add(("left", words[i - 1]))
        if i + 1 < len(words):
            side.add(("right", words[i + 1]))
    return out




def points_back(question: str) -> bool:
    """Whether a question refers to the conversation's subject ("luasnya", "di sana", "it").
    A function word or question word with -nya ("sebenarnya", "korporasi itu artinya apa?") is
    the question's own phrasing and points at nothing said before."""
    asking = word_list("question_words.txt")

    def own(word: str) -> bool:
        return word.endswith("nya") and (word in stopwords() or stem(word) in asking)

    lowered = question.lower()
    if any(not own(m.group()) for m in any_of("followup_cues.txt").finditer(lowered)):
        return True
    # a demonstrative right after a function word ("selain itu", "dari itu") points at
    # something said before; after a noun it is often chat's topic marker ("KEK Palu tu
    # luasnya brp?"), after a question word the question's own ("apa itu KEK")
    particles = word_list("informal_particles.txt")
    for match in _demonstrative().finditer(lowered):
        before = re.split(r"[,;:.?!]", lowered[:match.start()])[-1]
        preceding = [w for w in tokens(before) if w not in particles]
        if preceding and preceding[-1] in stopwords() and stem(preceding[-1]) not in asking:
            return True
    return False


@cache
def _demonstrative() -> re.Pattern[str]:
    """The Indonesian demonstratives, which follow the noun they point with."""
    after = sorted(w for w, side in table("demonstratives.tsv").items() if side == "after")
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, after))})\b")
