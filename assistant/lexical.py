"""Indonesian-aware keyword index: Sastrawi stems, stopwords, numbers kept as tokens, BM25."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from .language import indonesian_terms

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)
_QUESTION_WORDS = frozenset(
    "apa apakah berapa berapakah siapa siapakah bagaimana mengapa kapan mana manakah dimana "
    "sebutkan jelaskan yaitu menurut dimaksud maksud definisi pengertian arti saja".split()
)
# Sastrawi's list drops these, but in this domain they carry meaning ("empat tahapan",
# "tahap pertama", "share terbesar", "tenaga kerja", "nilai tambah", "industri kecil").
_MEANINGFUL = frozenset(
    "pertama kedua ketiga keempat kelima terakhir besar awal akhir baru penting utama satu dua "
    "tiga empat lima enam tujuh delapan sembilan sepuluh kecil khusus khususnya kerja bagian beri "
    "berikan diberi diberikan memberi memberikan tempat lama panjang dekat jauh luar naik tambah "
    "guna sedikit setempat tinggi terbanyak orang hari bulan masa tuju kasus masalah keadaan "
    "mampu mendatang pihak sekarang kini menjadi jadi ibu".split()
)
_ENGLISH_STOPWORDS = frozenset(
    "a an the and or of to in on at by for with from as is are was were be been being do does "
    "did what which who whom whose how why when where that this these those it its they them "
    "their there here have has had will would can could should may might must about according "
    "into than then so such any all some many much more most other list name give tell me "
    "please explain define describe mentioned mention say says said document documents meant "
    "by defined definition meaning mean means understood".split()
)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    words = set(StopWordRemoverFactory().get_stop_words()) - _MEANINGFUL
    return frozenset(words | _QUESTION_WORDS | _ENGLISH_STOPWORDS)


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Sastrawi stem of one lower-case word; numbers and short words stay as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return _stemmer().stem(word) or word


def words(text: str) -> list[str]:
    """Lower-case word and number tokens, stopwords dropped, not stemmed."""
    stop = _stopwords()
    return [t for t in _TOKEN.findall(text.lower()) if t not in stop]


def tokenize(text: str) -> list[str]:
    """Stemmed index terms of ``text``; numbers such as ``9,7`` or ``1.500`` are single terms."""
    return [stem(w) for w in words(text)]


def query_terms(text: str, language: str) -> list[str]:
    """Index terms for a question; English domain words also bring their Indonesian stems."""
    terms = tokenize(text)
    if language == "en":
        for word in words(text):
            terms.extend(stem(t) for t in indonesian_terms(word))
    return terms


class BM25Index:
    """Okapi BM25 over chunk texts, built in memory from what the store holds."""

    def __init__(self, k1: float = 1.4, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._ids: list[str] = []
        self._postings: dict[str, list[tuple[int, int]]] = {}
        self._lengths: list[int] = []
        self._avg = 1.0

    def build(self, items: Iterable[tuple[str, str]]) -> BM25Index:
        """Index ``(id, text)`` pairs, replacing what was indexed before."""
        self._ids, self._lengths, self._postings = [], [], {}
        for row, (item_id, text) in enumerate(items):
            terms = tokenize(text)
            self._ids.append(item_id)
            self._lengths.append(len(terms))
            for term, count in Counter(terms).items():
                self._postings.setdefault(term, []).append((row, count))
        self._avg = (sum(self._lengths) / len(self._lengths)) if self._lengths else 1.0
        return self

    def __len__(self) -> int:
        return len(self._ids)

    def idf(self, term: str) -> float:
        """Inverse document frequency; unknown terms get the highest value."""
        n = len(self._ids)
        df = len(self._postings.get(term, ()))
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def known(self, term: str) -> bool:
        """Whether any indexed chunk contains ``term``."""
        return term in self._postings

    def search(
        self, terms: list[str], k: int, allowed: set[str] | None = None
    ) -> list[tuple[str, float]]:
        """Rank chunks for query terms.

        Args:
            terms: query terms from :func:`query_terms`.
            k: how many to return.
            allowed: only these chunk ids, when filtering.

        Returns:
            ``(chunk id, score)`` best first, only chunks sharing a term with the query.
        """
        scores: dict[int, float] = {}
        for term in set(terms):
            postings = self._postings.get(term)
            if not postings:
                continue
            idf = self.idf(term)
            for row, tf in postings:
                norm = tf + self.k1 * (1 - self.b + self.b * self._lengths[row] / self._avg)
                scores[row] = scores.get(row, 0.0) + idf * tf * (self.k1 + 1) / norm
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        out = [(self._ids[row], score) for row, score in ranked
               if allowed is None or self._ids[row] in allowed]
        return out[:k]
