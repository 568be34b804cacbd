"""What counts as a figure or a time in a sentence: digits or number words, dates, years."""

from __future__ import annotations

import re

NUMBER_WORDS = frozenset(
    "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belas puluh ratus "
    "ribu juta miliar triliun seratus seribu one two three four five six seven eight nine ten "
    "eleven twelve hundred thousand million billion".split()
)
# Order and "now" pin a question to one answer: the sentence must say them too.

_NOT_QUANTITY = re.compile(
    r"^\s*(?:\(?\d{1,3}[.)]|[a-z][.)])\s+|\(\d{1,2}\)|\b(?:Pasal|ayat|angka|huruf|Nomor|No\.?)"
    r"\s+\(?\d+[A-Z]?\)?|\bTahun\s+\d{4}\b|\bUU\s+\d+/\d{4}",
    re.IGNORECASE,
)


_MONTHS = (r"Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November"
           r"|Desember|January|February|March|May|June|July|August|October|December")


def has_date(text: str) -> bool:
    """Whether text gives a time: a date, or a year that is not part of a regulation's name."""
    if re.search(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}\b", text):
        return True
    bare = re.sub(r"\b(?:Nomor|No\.?)\s+\d+\s+Tahun\s+\d{4}", " ", text, flags=re.IGNORECASE)
    return re.search(r"\b(?:19|20)\d{2}\b", bare) is not None


def has_number(text: str) -> bool:
    """Whether text states a quantity, in digits or in words; list markers, ayat numbers and
    references such as "Pasal 6" or "Nomor 20 Tahun 2008" are not quantities."""
    text = _NOT_QUANTITY.sub(" ", text)
    if re.search(r"\d", text):
        return True
    return any(w in NUMBER_WORDS for w in re.findall(r"[a-z]+", text.lower()))
