"""Indonesian-aware keyword terms: Sastrawi stems, stopwords, numbers kept as single tokens."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .language import indonesian_terms, lines, word_list

# bump when tokenize() changes: persisted keyword indexes are rebuilt.
# 2: stopwords from assistant/data (informal particles dropped, more English function words).
# 3: the Snowball English stopwords (function words only) instead of scikit-learn's.
TOKENIZER_VERSION = "3"
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Sastrawi's Indonesian stopwords less the words that carry meaning in this domain, the
    Snowball English stopwords (the ``stopwords`` package's list: function words only, where
    scikit-learn's also drops "system", "amount", "part" and "full") less the ordinals (they pin
    an answer: "the last stage"), plus question words and informal particles (from
    ``assistant/data``)."""
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory
    from stopwords import get_stopwords

    words = set(StopWordRemoverFactory().get_stop_words()) - word_list("stopwords_keep.txt")
    english = set(get_stopwords("english")) - word_list("ordinals.txt")
    return frozenset(words | english | word_list("question_words.txt")
                     | word_list("informal_particles.txt"))


@lru_cache(maxsize=1)
def _stemmer() -> Any:  # Sastrawi ships no type information
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Sastrawi stem of one lower-case word; numbers and short words stay as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return _stemmer().stem(word) or word


def is_root(word: str) -> bool:
    """Whether a lower-case word is in the root-word dictionary Sastrawi stems with."""
    return bool(_stemmer().delegatedStemmer.dictionary.contains(word))


def tokens(text: str) -> list[str]:
    """Lower-case word and number tokens, stopwords kept, not stemmed."""
    return _TOKEN.findall(text.lower())


def prefixed_verb(word: str) -> bool:
    """Whether a lower-case word is a verb by its prefix ("membangun", "ditargetkan"): it carries
    one of ``data/verb_prefixes.txt`` and is not its own stem, as "menteri" is."""
    return any(word.startswith(p) for p in lines("verb_prefixes.txt")) and stem(word) != word


def words(text: str) -> list[str]:
    """Lower-case word and number tokens, stopwords dropped, not stemmed."""
    stop = stopwords()
    return [t for t in tokens(text) if t not in stop]


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
