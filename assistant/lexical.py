"""Indonesian-aware keyword terms: Sastrawi stems, stopwords, numbers kept as single tokens."""

from __future__ import annotations

import re
from functools import lru_cache

from .language import indonesian_terms

TOKENIZER_VERSION = "1"  # bump when tokenize() changes: persisted keyword indexes are rebuilt
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
