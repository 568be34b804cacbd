"""Language data (read once from ``assistant/data``), question language, and acronym discovery."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of a data file, one per line; ``#`` starts a comment.

    Args:
        name: file name under ``assistant/data``, e.g. ``"stopwords_keep.txt"``.

    Returns:
        The words, lower case.
    """
    return frozenset(line.lower() for line in _lines(name))


@cache
def table(name: str) -> dict[str, str]:
    """A two-column tab-separated data file as a dict (first column -> second)."""
    rows = {}
    for line in _lines(name):
        key, _, value = line.partition("\t")
        rows[key.strip()] = value.strip()
    return rows


@cache
def lines(name: str) -> tuple[str, ...]:
    """The non-comment lines of a data file under ``assistant/data``, stripped."""
    return tuple(_lines(name))


def _lines(name: str) -> list[str]:
    text = resources.files("assistant").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def english_terms() -> dict[str, tuple[str, ...]]:
    """English domain word -> Indonesian stems: a retrieval hint for English questions."""
    return {k: tuple(v.split()) for k, v in table("en_id_terms.tsv").items()}


def indonesian_terms(word: str) -> tuple[str, ...]:
    """Indonesian stems for an English domain word, or ``()`` when the table lacks it."""
    return english_terms().get(word.lower(), ())


def domain_acronyms() -> dict[str, str]:
    """Acronyms of Indonesian policy that documents use without spelling out."""
    return table("acronyms.tsv")


def detect_language(text: str) -> str:
    """Guess whether a question is Indonesian (``"id"``) or English (``"en"``).

    Args:
        text: the question.

    Returns:
        ``"id"`` or ``"en"``; Indonesian wins ties, as the corpus is Indonesian.
    """
    words = re.findall(r"[a-z]+", text.lower())
    indonesian, english = word_list("function_words_id.txt"), word_list("function_words_en.txt")
    id_score = sum(w in indonesian or w.endswith("nya") for w in words)
    en_score = sum(w in english for w in words)
    return "en" if en_score > id_score else "id"


# A capitalised phrase of at most seven words, then "(ACRONYM)" or "yang selanjutnya disebut
# ACRONYM". Each alternative is anchored on a literal that a scan finds in linear time; the phrase
# before it is read backwards from there, at most seven words, so a run of capitals without spaces
# costs no more than its length.
_DEFINED = re.compile(r"\((?:selanjutnya disebut\s+)?([A-Z][A-Z0-9]{1,7})\)"
                      r"|yang selanjutnya (?:disebut|disingkat)\s+([A-Z][A-Z0-9]{1,7})\b")
_PHRASE_WORD = re.compile(r"[A-Z][\w-]{0,40}|dan|and|of")


def find_acronyms(texts: list[str]) -> dict[str, str]:
    """Acronyms the documents define, as ``"Kawasan Ekonomi Khusus (KEK)"`` or "disingkat KEK".

    Args:
        texts: chunk texts.

    Returns:
        Acronym -> its expansion in lower case.
    """
    found: dict[str, str] = {}
    for text in texts:
        for match in _DEFINED.finditer(text):
            acronym = match.group(1) or match.group(2)
            before = text[max(0, match.start() - 400) : match.start()].split()[-10:]
            phrase: list[str] = []
            for word in reversed(before):
                if not _PHRASE_WORD.fullmatch(word) or len(phrase) == 9:
                    break
                phrase.insert(0, word)
            capitals = [w for w in phrase if w[0].isupper()][-7:]
            # Keep the shortest tail of capitalised words whose initials spell the acronym.
            for start in range(len(capitals) - 1, -1, -1):
                initials = "".join(w[0] for w in capitals[start:]).upper()
                if initials == acronym.upper():
                    tail = phrase[len(phrase) - phrase[::-1].index(capitals[start]) - 1 :]
                    found.setdefault(acronym, " ".join(tail).lower())
                    break
    return found
