"""What a figure question measures, and whether a quote says it: "berapa target pertumbuhan …"
is not answered by a figure of something else."""

from __future__ import annotations

import re

from ..lexical import tokenize
from .patterns import YEAR
from .question import Question, TermGroup, generic_measure

GENERIC_GAP = 2  # generic measure words looked past for what a measure is of
_TOKEN = re.compile(r"\d[\d.,]*|[^\W\d_]+")
_ENUMERATOR = re.compile(r"^\s*(?:\(\d+\)|\d+\.|[a-z]\.)\s+")
# "(Maluku: Rp2,3 juta; Nasional: Rp3,02 juta)": figures labelled by the place they are of
_PARENTHESIS = re.compile(r"\(([^()]{0,600})\)")
_LABELLED = re.compile(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3})\s*:\s*(?:Rp\.?\s*)?\d")


def followers(question: Question, measured: int) -> list[TermGroup]:
    """The plain term right after the measured one ("pertumbuhan" in "target pertumbuhan"),
    after the generic measure words before it, which a quote must say as well ("target rasio
    impor": an import ratio; "upah rata-rata tenaga kerja": an average of the workforce's);
    none when a word between them ends the phrase ("jumlah desa di provinsi": the province is
    not what is counted). A term in parentheses right after the measure names it again ("angka
    awal (baseline)")."""
    groups = question.groups
    at = measured + 1
    while at < len(groups) and at - measured <= GENERIC_GAP and groups[at].plain and \
            generic_measure(groups[at].word):
        at += 1
    if at >= len(groups):
        return []
    group, skipped = groups[at], groups[measured + 1:at]
    gap = "".join(rf"\s+{re.escape(g.word)}\w*" for g in skipped)
    # the word itself: "targetnya" points back, and the earlier question's words follow it
    after = re.search(rf"\b{re.escape(groups[measured].word)}{gap}\s+(\(?)(\w+)",
                      question.normalized, re.IGNORECASE)
    if after is not None and not group.found_in(set(tokenize(after.group(2))),
                                                after.group(2).lower()):
        return []
    if after is not None and after.group(1):
        return [*skipped, group]  # "angka awal (baseline)": the parenthesis names the measure
    return [*skipped, group] if group.plain and not generic_measure(group.word) else []


def _measures(question: Question, measured: int) -> list[TermGroup]:
    """The terms naming what is measured: the word, and a whole name it stands in that has an
    abbreviation ("Indeks Pembangunan Manusia", written "IPM")."""
    word = question.groups[measured].word
    return [g for g in question.groups
            if g.word == word or (" " in g.word and word in g.word.split() and g.stems)]


def measure_said(question: Question, measured: int, stems: set[str], lowered: str) -> bool:
    """Whether a text names what is measured."""
    return any(g.found_in(stems, lowered) for g in _measures(question, measured))


def figure_near_measure(question: Question, measured: int, quote: str) -> bool:
    """Whether a figure of the quote stands in a clause that names what is measured: in "…
    cadangan gas bumi: 11.421,9 TSCF (…), salah satunya di Kabupaten Teluk Bintuni yang akan
    menopang kebutuhan produksi industri pupuk" the figure is of the reserves, not of the
    production the question asks about. Clauses end at a comma or semicolon outside
    parentheses; a parenthesis belongs to the clause it stands in. A quote that never names the
    measure word for word (its header or the sentence before does) is not judged."""
    terms = _measures(question, measured) + followers(question, measured)
    dated = question.types[:1] == ["date"]  # "pada tahun berapa": the year is the figure asked
    named_any = False
    for clause in clauses(_ENUMERATOR.sub("", quote)):
        tokens = _TOKEN.findall(clause)
        named = any(not t[0].isdigit() and any(g.found_in(set(tokenize(t)), t.lower())
                                               for g in terms) for t in tokens)
        if named and any(t[0].isdigit() and (dated or not YEAR.fullmatch(t)) for t in tokens):
            return True
        named_any = named_any or named
    return not named_any


def clauses(text: str) -> list[str]:
    """The text cut at commas and semicolons outside parentheses; a parenthesis the text never
    closes protects nothing (linear: one pass to pair the parentheses, one to cut)."""
    change = [0] * (len(text) + 1)  # +1 where a closed pair opens, -1 after it closes
    opened: list[int] = []
    for i, char in enumerate(text):
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            change[opened.pop()] += 1
            change[i + 1] -= 1
    cut, start, depth = [], 0, 0
    for i, char in enumerate(text):
        depth += change[i]
        if char in ",;" and depth == 0 and not (
                0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()):
            cut.append(text[start:i])
            start = i + 1
    return [*cut, text[start:]]


def labelled_for_another_measure(question: Question, quote: str) -> bool:
    """Whether the place asked about has its figures in the quote only beside another measure:
    "upah … (Maluku: Rp2,3 juta; …), … lulusan SD (Maluku: 32,43 persen; Malut: 44,8 persen)"
    gives no wage for Maluku Utara."""
    if question.measured is None:
        return False
    names = [g for g in question.groups if g.specific and not YEAR.fullmatch(g.word)]
    labelled = []  # where each parenthesis of labelled figures starts, and whether it names one
    for match in _PARENTHESIS.finditer(quote):
        labels = _LABELLED.findall(match.group(1))
        if len(labels) >= 2:
            said = " ".join(labels)
            stems = set(tokenize(said))
            labelled.append((match.start(), any(g.found_in(stems, said.lower()) for g in names)))
    if not any(named for _, named in labelled):
        return False
    measured = _measures(question, question.measured)
    measured += followers(question, question.measured)[-1:]
    for word in re.finditer(r"[^\W\d_]+", quote):
        if any(g.found_in(set(tokenize(word.group())), word.group().lower()) for g in measured):
            after = next((named for start, named in labelled if start > word.start()), False)
            if after:
                return False
    return True


__all__ = [
    "clauses", "figure_near_measure", "followers", "labelled_for_another_measure", "measure_said",
]
