"""The grounding guard for generated answers, and the scrubbing of instructions out of passages.

A generated answer is shown only when every ``[n]`` it writes names a passage it was given and
every number, date and percentage it states occurs in a passage it cites. Document sentences that
speak to the model ("abaikan instruksi sebelumnya…") never reach it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .chunking import split_sentences
from .language import word_list

_CITE = re.compile(r"\[(\d{1,3})\]")
# digits with optional grouping/decimal separators; bounded, so linear on any input
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+")
_LIST_MARKER = re.compile(r"(?m)^\s*\d{1,2}[.)]\s")


@dataclass(frozen=True)
class Verdict:
    """What the guard found: ``ok`` when the answer may be shown, else the reasons."""

    ok: bool
    cited: list[int] = field(default_factory=list)  # passage numbers the answer cites, in order
    reasons: list[str] = field(default_factory=list)


def citations_in(text: str) -> list[int]:
    """The ``[n]`` numbers of a text, each once, in order of first appearance."""
    seen: dict[int, None] = {}
    for match in _CITE.finditer(text):
        seen.setdefault(int(match.group(1)), None)
    return list(seen)


def number_forms(token: str) -> set[str]:
    """The values a written number can stand for, as canonical strings.

    ``1.500`` is fifteen hundred in Indonesian and may be one and a half in English; ``2,5`` is
    two and a half in Indonesian. Every reading is kept, so a figure copied in either convention
    matches its source.

    Args:
        token: digits with ``.`` or ``,`` separators, e.g. ``"1.234,5"``.

    Returns:
        Canonical forms: digits without leading zeros, with ``.`` before any decimals.
    """
    forms = set()
    if _GROUPED.fullmatch(token) or token.isdigit():  # every separator groups thousands
        forms.add(_canon(token.replace(".", "").replace(",", "")))
    for decimal in ".,":
        whole, sep, frac = token.rpartition(decimal)
        if sep and frac.isdigit() and decimal not in whole:
            forms.add(_canon(f"{whole.replace('.', '').replace(',', '')}.{frac}"))
    return forms


def _canon(value: str) -> str:
    whole, dot, frac = value.partition(".")
    whole = whole.lstrip("0") or "0"
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if dot and frac else whole


def numbers_in(text: str) -> list[str]:
    """Numbers a text states: its ``[n]`` markers and list markers ("1.", "2)") left out."""
    body = _LIST_MARKER.sub(" ", _CITE.sub(" ", text))
    return _NUMBER.findall(body)


def check(answer: str, passages: list[str]) -> Verdict:
    """Decide whether a generated answer may be shown.

    Args:
        answer: the model's text, with ``[n]`` markers.
        passages: the passages as the model saw them, numbered from 1 in this order.

    Returns:
        The verdict: citations out of range, no citation at all, or a number no cited passage
        holds each make it fail.
    """
    cited = citations_in(answer)
    reasons = [f"[{n}] names no given passage" for n in cited if not 1 <= n <= len(passages)]
    valid = [n for n in cited if 1 <= n <= len(passages)]
    if not valid:
        reasons.append("no citation")
    support: set[str] = set()
    for n in valid:
        for token in _NUMBER.findall(passages[n - 1]):
            support |= number_forms(token)
    for token in numbers_in(answer):
        if not number_forms(token) & support:
            reasons.append(f"{token} is in no cited passage")
    return Verdict(not reasons, valid, reasons)


def instruction_sentences(text: str) -> list[str]:
    """Sentences of a passage that address a language model instead of a reader."""
    phrases = word_list("injection_phrases.txt")
    return [s for s in split_sentences(text) if any(p in s.lower() for p in phrases)]


def scrub(text: str, replacement: str) -> tuple[str, int]:
    """A passage with its instruction sentences replaced by ``replacement``.

    Args:
        text: the passage.
        replacement: what stands in for each removed sentence.

    Returns:
        The scrubbed text and how many sentences were removed.
    """
    found = instruction_sentences(text)
    for sentence in found:
        text = text.replace(sentence, replacement)
    return text, len(found)
