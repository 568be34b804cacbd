"""Keyword terms: Sastrawi stems, stopwords, numbers kept whole, English questions bridged."""

from assistant.lexical import is_root, prefixed_verb, query_terms, tokenize


def test_tokens_are_stemmed_and_numbers_kept():
    terms = tokenize("Pemberdayaan industri menyerap 9,7 juta tenaga kerja pada tahun 2013")
    assert "daya" in terms and "serap" in terms and "9,7" in terms and "2013" in terms
    assert "pada" not in terms


def test_english_questions_bring_indonesian_terms_to_retrieval():
    terms = query_terms("How many workers were employed?", "en")
    assert "tenaga" in terms and "kerja" in terms


def test_english_stopwords_are_function_words_only():
    # the Snowball list: "system", "amount", "part" and "full" name what is asked about
    for word in ("system", "amount", "part", "full", "mill", "interest"):
        assert tokenize(word) == [word]
    assert tokenize("which of them would") == []


def test_a_verb_is_told_by_its_prefix_and_a_word_that_is_its_own_stem_is_none():
    assert prefixed_verb("membangun") and prefixed_verb("ditargetkan")
    assert not prefixed_verb("menteri") and not prefixed_verb("beras")  # their own stems


def test_root_words_are_those_of_sastrawis_dictionary():
    assert is_root("hitung") and is_root("hasil")
    assert not is_root("dihitung") and not is_root("hedge")
