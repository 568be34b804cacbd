"""Informal chat Indonesian read through indoNLP's slang dictionary, guarded by the documents."""

from assistant.answering import analyze
from assistant.answering.normalize import normalize, spell_out


def test_slang_becomes_standard_indonesian():
    assert normalize("brp jumlah org yg kerja di sana") == "berapa jumlah orang yang kerja di sana"
    assert normalize("gmn cara pemerintah dukung ikm") == "bagaimana cara pemerintah dukung ikm"
    assert normalize("tahapan nya apa aja") == "tahapannya apa saja"


def test_words_of_the_documents_and_capitals_are_never_rewritten():
    # indoNLP reads "kek" as "kayak"; in these documents it is a special economic zone
    assert normalize("brp luas kek bitung", known={"kek"}.__contains__) == "berapa luas kek bitung"
    assert normalize("Berapa luas KEK Bitung?") == "Berapa luas KEK Bitung?"


def test_jakarta_in_suffix_reads_as_kan_when_the_word_exists():
    assert normalize("jelasin dong", known={"jelas"}.__contains__).startswith("jelaskan")
    assert normalize("jelasin dong").startswith("jelasin")  # unknown base: left alone


def test_informal_verb_prefixes_read_as_the_standard_verb_the_documents_use():
    known = {"susun", "perhati", "kembang", "kelola", "rencana"}.__contains__
    assert normalize("pas nyusunnya hrs merhatiin apa", known) == \
        "pas menyusunnya harus memperhatikan apa"
    assert normalize("cara ngembangin ikm", known) == "cara mengembangkan ikm"
    assert normalize("siapa yg ngelola", known) == "siapa yang mengelola"
    # a standard word whose stem the documents use is left as it is
    assert normalize("merencanakan apa", known) == "merencanakan apa"
    # a rewrite whose stem no document uses is no rewrite ("menyanyi": "nyanyi")
    assert normalize("nyanyi dulu", known).startswith("nyanyi")
    # of two rewrites the documents know, the one keeping the longer stem
    assert normalize("cara ngembangin", {"bang", "kembang"}.__contains__) == \
        "cara mengembangkan"


def test_an_informal_verb_reads_as_a_standard_one_whose_stem_the_documents_use_rarely():
    # "jabar" (of "dijabarkan") stands in one chunk: not enough to keep a word as the documents'
    # own, enough to read "dijabarin" as the verb they write
    stems = {"jabar", "dokumen"}.__contains__
    several = {"dokumen"}.__contains__
    assert normalize("dijabarin ke dokumen apa", stems, keep=several) == \
        "dijabarkan ke dokumen apa"
    assert normalize("dijabarin ke dokumen apa", several) == "dijabarin ke dokumen apa"


def test_a_dropped_h_is_restored_when_the_documents_use_the_stem():
    known = {"hitung", "hasil"}.__contains__
    assert normalize("gmn diitung asilnya", known) == "bagaimana dihitung hasilnya"
    assert normalize("cara ngitung", known) == "cara menghitung"
    # a word the documents use is no dropped h
    assert normalize("hasil olah", {"hasil", "olah", "holah"}.__contains__) == "hasil olah"
    # nor is a word whose h-form stems to a short word or to no root word: "aman" is no
    # "haman" (stem "ham"), "edge" no "hedge"
    assert normalize("aman", {"ham"}.__contains__) == "aman"
    assert normalize("edge", {"hedge"}.__contains__) == "edge"
    # a function word the keyword index leaves out is no dropped h ("akan": "hakan", stem "hak")
    assert normalize("yang akan dibangun", {"hak", "bangun"}.__contains__) == \
        "yang akan dibangun"


def test_elongated_letters_are_squeezed():
    assert normalize("brp bangeeet") .startswith("berapa")


def test_english_questions_are_not_read_as_slang():
    q = analyze("What does it cover in 2014 or later?")
    assert q.normalized == "What does it cover in 2014 or later?"


def test_informal_question_gets_the_same_answer_type_and_terms():
    formal = analyze("Berapa luas KEK Bitung?", known={"kek", "luas", "bitung"}.__contains__)
    chat = analyze("brp sih luas kek bitung kak", known={"kek", "luas", "bitung"}.__contains__)
    assert chat.types == formal.types
    assert {g.word for g in chat.groups} == {g.word for g in formal.groups}


def test_a_2_after_a_word_writes_its_reduplication():
    assert normalize("zona2 apa aja yg ada di sana?").startswith("zona-zona apa saja")
    assert normalize("Pasal 2 PP 29/2018") == "Pasal 2 PP 29/2018"


def test_an_acronym_the_documents_never_write_is_spelled_out_in_any_case():
    acronyms = {"SULUT": "sulawesi utara", "NTT": "nusa tenggara timur"}
    known = {"ntt", "sulawesi", "utara"}.__contains__
    assert spell_out("kalo yg di sulut?", acronyms, known) == "kalo yg di sulawesi utara?"
    assert spell_out("WPPI Sulut", acronyms, known) == "WPPI sulawesi utara"
    # one the documents use is matched as written ("NTT"), and so is every other word
    assert spell_out("di ntt dan NTT", acronyms, known) == "di ntt dan NTT"
    question = analyze("kalo yg di sulut daerahnya mana aja?", acronyms=acronyms, known=known)
    assert "sulawesi utara" in question.query and question.text.endswith("sulut daerahnya mana aja?")
