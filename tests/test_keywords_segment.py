"""Segment parts: BM25 idf, and the phrase keys that narrow a definition search."""

from assistant.keywords.segment import idf, phrase_key, phrase_keys


def test_rarer_terms_weigh_more_and_idf_stays_positive():
    assert idf(1, 100) > idf(10, 100) > idf(100, 100) > 0


def test_a_defined_term_is_among_the_phrase_keys_of_its_sentence():
    keys = phrase_keys("Kawasan industri adalah kawasan tempat pemusatan kegiatan industri.")
    assert phrase_key("kawasan industri") in keys and phrase_key("industri") in keys
    assert phrase_key("kegiatan industri") not in keys  # after the verb, not defined here
    assert phrase_keys("Kawasan Bitung seluas 534 ha.") == set()  # no defining verb


def test_the_named_form_after_yang_selanjutnya_disebut_is_a_key_too():
    keys = phrase_keys("Kawasan Ekonomi Khusus yang selanjutnya disebut KEK adalah kawasan.")
    assert phrase_key("kawasan ekonomi khusus") in keys
