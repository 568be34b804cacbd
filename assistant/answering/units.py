"""Units of measure: the unit a question asks its figure in ("in tonnes", "dalam dolar AS")
and whether a text writes it, in any of its forms (``figure_units.tsv``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ..language import rows, word_list


@cache
def _unit_forms(role: str = "") -> dict[str, str]:
    """Every written form (lower case) of a unit with ``role`` (of every unit, for "") -> the
    unit it is."""
    return {row[0].lower(): row[1] for row in rows("figure_units.tsv")
            if not role or role in row[2].split()}


def _alternatives(forms: Iterable[str]) -> str:
    """The forms as one alternation, longest first; a space in a form stands for any spaces
    ("meter\npersegi")."""
    return "|".join(r"\s+".join(map(re.escape, form.split()))
                    for form in sorted(forms, key=len, reverse=True))


@cache
def _asked_unit() -> re.Pattern[str]:
    """A unit where a question asks for a figure: after a cue word ("in tonnes", "berapa juta
    ton") or opening a parenthesis ("(million tonnes)"), number words between being magnitudes;
    not before a number, which it labels ("tahun 2023")."""
    magnitudes = word_list("number_words.txt")
    return re.compile(rf"(?:\b({_alternatives(word_list('unit_cues.txt'))})\s+|\(\s*)"
                      rf"(?:(?:{_alternatives(magnitudes)})\s+)*"
                      rf"({_alternatives(_unit_forms('asked'))})(?![^\W_])(?!\s*\d)",
                      re.IGNORECASE)


def asked_units(question: str) -> frozenset[str]:
    """The units a question asks its figure in.

    Args:
        question: the question's text.

    Returns:
        The units (``figure_units.tsv``'s second column): "What is the capacity, in tonnes,
        …" -> {"ton"}; "berapa nilai ekspor dalam dolar AS" -> {"US$"}; none for "jumlah unit
        usaha" (a count), "pada tahun 2023" (a label) or "pertumbuhan per tahun" (a rate).
    """
    asked = set()
    for match in _asked_unit().finditer(question):
        cue, form = (match.group(1) or "").lower(), " ".join(match.group(2).lower().split())
        if not (cue == "per" and form in _unit_forms("time")):
            asked.add(_unit_forms()[form])
    return frozenset(asked)


@cache
def _written_unit(unit: str) -> re.Pattern[str]:
    forms = [form for form, named in _unit_forms().items() if named == unit]
    # a figure may touch its unit ("5ha", "12%"), or a unit written before it its figure
    # ("Rp5 miliar"); a word may not ("Tongkol" is no "ton", "km2" no "km")
    after = r"(?![^\W\d_])" if unit in _unit_forms("before").values() else r"(?![^\W_])"
    return re.compile(rf"(?<![^\W\d_])(?:{_alternatives(forms)}){after}", re.IGNORECASE)


def writes_unit(unit: str, text: str) -> bool:
    """Whether a text writes a unit in any of its forms ("US$", "USD", "dolar" are one).

    Args:
        unit: a unit, as :func:`asked_units` gives it.
        text: what would be quoted, with its header and the sentence before.

    Returns:
        ``True`` when the text writes the unit.
    """
    return _written_unit(unit).search(text) is not None
