"""Which spans define what a definition question asks about: the sentence defining the term,
failing that its elucidation, its gloss, the explanation of its head word, or the spelling out
of an abbreviation."""

from __future__ import annotations

import re
from dataclasses import replace

from ..documents import EXPLANATION, Chunk, Passage
from ..lexical import stopwords, tokens
from .patterns import (
    DEFINING,
    cites_meaning,
    defines,
    elucidates,
    glosses,
    names_a_term,
    place_articles,
    spells_out,
    strip_references,
)
from .question import Question
from .spans import Span, candidate_spans

PHRASE_WORDS = 3  # the longest question phrase tried as the term a definition question asks
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def definitions_first(question: Question, spans: list[Span]) -> list[Span]:
    """For "apa yang dimaksud dengan X", the sentences defining X when there are any (or,
    failing that, defining the shorter name X ends with, an elucidation entry restating X,
    glossing X in parentheses after what it means, explaining X's head word in the article on
    X, or, for an abbreviation, spelling it out)."""
    if not question.subject:
        return spans
    for form in question.subject_forms:  # the fullest name that some span defines
        defining = [s for s in spans if defines(s.quote, form)]
        if defining:
            return defining
    # "Huruf b Usaha patungan antara …": the elucidation of the item that names X
    elucidating = [s for s in spans if any(elucidates(s.quote, f)
                                           for f in question.subject_forms)]
    if elucidating:
        return elucidating
    # a term glossed in parentheses after what it means ("pemetaan kebutuhan … dari migas
    # dan batubara ( energy balance )"): the sentence glossing it
    glossing = [s for s in spans if any(glosses(s.quote, f) for f in question.subject_forms)]
    if glossing:
        return glossing
    # "penyelamatan industri", explained in the article on it as "Yang dimaksud dengan
    # “penyelamatan” adalah …": the explanation of the subject's head word
    heads = _explaining_the_head(question, spans)
    if heads:
        return heads
    # no sentence defines an abbreviation ("Apa itu OVOP?"): the ones spelling it out
    short, *full = question.subject_forms
    spelled = [s for s in spans if any(spells_out(s.quote, short, f) for f in full)]
    return spelled or spans


def with_defined_subject(question: Question, passages: list[Passage]) -> Question:
    """A question asking what a term means (:func:`cites_meaning`) whose wording sets out no
    term, with the one the passages define (:func:`defined_subject`) as its subject; any other
    question as it is (their spans are read only for a question that asks)."""
    if "definition" not in question.types or question.subject or \
            not cites_meaning(question.normalized):
        return question
    found = defined_subject(question, candidate_spans(passages))
    return replace(question, subject=found) if found else question


def defined_subject(question: Question, spans: list[Span]) -> str | None:
    """The term a definition question asks about when its wording names none ("Saya mahasiswa
    …. Berdasarkan definisi dalam PP 29/2018, pemagangan itu diikuti oleh siapa?").

    Args:
        question: the analysed question.
        spans: the candidate spans of the retrieved passages.

    Returns:
        The longest phrase (up to ``PHRASE_WORDS`` words, opening and closing on a word that is
        no stopword, number or document name) that one of the spans defines, read from the
        question's last sentence back (the sentences before it mostly set the scene); ``None``
        when none is defined, or the question sets out its term itself (:func:`names_a_term`).
    """
    if names_a_term(question.normalized):
        return None
    function_words = stopwords()
    texts = [(s, s.quote.lower()) for s in spans if DEFINING.search(s.quote)]
    for sentence in reversed(_SENTENCE_END.split(question.normalized)):
        words = tokens(strip_references(sentence))
        for size in range(PHRASE_WORDS, 0, -1):
            for i in range(len(words) - size + 1):
                phrase = words[i:i + size]
                if {phrase[0], phrase[-1]} & function_words or phrase[0].isdigit() \
                        or phrase[-1].isdigit():
                    continue
                term = " ".join(phrase)
                if any(term in text and defines(s.quote, term) for s, text in texts):
                    return term
    return None


def _explaining_the_head(question: Question, spans: list[Span]) -> list[Span]:
    """The spans of a regulation's explanation defining the head word of an Indonesian
    subject ("penyelamatan" of "penyelamatan industri") in the explanation of an article whose
    passages name the whole subject ("tindakan penyelamatan Industri"): there the word means
    the subject. (A general definition of the head, "Industri adalah …" for "industri hijau",
    is no explanation; nor is one of an article on something else.)"""
    words = (question.subject or "").split()
    if question.language != "id" or len(words) < 2:
        return []
    subject = " ".join(words)  # one space between words, as the lowered text is matched
    naming = [(s.passage.chunk.source, articles) for s in spans
              if subject in s.passage.chunk.text.lower()
              and (articles := place_articles(s.passage.chunk.location))]
    return [s for s in spans if EXPLANATION in s.passage.chunk.location.split()
            and defines(s.quote, words[0]) and _overlaps(s.passage.chunk, naming)]


def _overlaps(chunk: Chunk, places: list[tuple[str, list[tuple[int, int]]]]) -> bool:
    """Whether a chunk's articles overlap those of one of ``places`` in the same file."""
    mine = place_articles(chunk.location)
    return any(source == chunk.source and first <= end and start <= last
               for source, articles in places for first, last in articles
               for start, end in mine)
