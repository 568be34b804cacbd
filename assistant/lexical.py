"""Indonesian-aware keyword index: Sastrawi stems, stopwords, numbers kept as tokens, BM25."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from .language import indonesian_terms, word_list

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)
@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Sastrawi's Indonesian stopwords less the words that carry meaning in this domain, plus
    question words and English function words (all from ``assistant/data``)."""
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    words = set(StopWordRemoverFactory().get_stop_words()) - word_list("stopwords_keep.txt")
    return frozenset(words | word_list("question_words.txt") | word_list("stopwords_en.txt")
                     | word_list("informal_particles.txt"))


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
    stop = stopwords()
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
