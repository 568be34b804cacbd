"""Patterns in one place: document references and the subject of a definition question."""

import pytest

from assistant.answering.patterns import (
    asks_meaning,
    cited_articles,
    cites_quoted,
    defines,
    elucidates,
    glosses,
    named_part,
    place_articles,
    references,
    spells_out,
    strip_references,
    subject,
)


def test_document_references_in_both_languages():
    assert references("Apa isi Pasal 2 PP 29/2018 dan Undang-Undang Nomor 3 Tahun 2014?") == [
        "PP 29/2018", "UU 3/2014"]
    assert references("What period does it cover under Law 3/2014?") == ["UU 3/2014"]
    assert references("Menjadi berapa WPI dalam RIPIN 2015-2035?") == ["RIPIN 2015-2035"]
    assert references("Menurut RIPIN, apa visinya?") == ["RIPIN"]
    assert strip_references("Apa lingkup PP 29/2018?") == "Apa lingkup ?"


def test_definition_subjects():
    assert subject("Apa yang dimaksud dengan asas kebersamaan dalam UU 3/2014?") == "asas kebersamaan"
    assert subject("How is 'Bahan Baku' defined in UU 3/2014?") == "bahan baku"
    assert subject("kawasan industri itu maksudnya apa") == "kawasan industri"
    # "what does X mean" asked as "how": maksudnya bagaimana (chat: "maksudnya gmn")
    assert subject("asas kepentingan nasional di uu perindustrian itu maksudnya bagaimana?") \
        == "asas kepentingan nasional"
    assert subject("Berapa luas KEK Bitung?") is None


def test_regulations_named_by_their_subject():
    assert references("industri kecil boleh dimiliki orang asing menurut UU perindustrian?") == [
        "UU tentang perindustrian"]
    assert references("Peraturan Pemerintah tentang Pemberdayaan Industri") == [
        "PP tentang pemberdayaan"]


def test_definition_subject_before_yang_dimaksud():
    assert subject("Industri hulu yang dimaksud di RIPIN itu pengertiannya apa ya?") == "industri hulu"


def test_a_quoted_term_whose_meaning_is_asked_is_the_subject():
    assert subject('In the elucidation of UU 20/2008, how is the term "hasil penjualan tahunan" '
                   "(annual sales) explained?") == "hasil penjualan tahunan"
    assert subject('Berapa luas KEK "Bitung"?') is None  # quoted, but no meaning is asked


def test_terms_named_by_istilah_or_diartikan_and_after_a_leading_clause():
    assert subject("Bagaimana Penjelasan UU 3/2014 mengartikan istilah budaya industri?") == (
        "budaya industri")
    assert subject("Dalam kerangka bangun industri di RIPIN 2015-2035, industri pendukung itu "
                   "diartikan sebagai industri yang bagaimana?") == "industri pendukung"
    assert subject("Menurut UU, kawasan industri itu apa?") == "kawasan industri"
    assert subject("What does the term value chain mean?") == "value chain"


def test_a_definition_question_after_a_clause_and_a_trailing_di():
    assert subject("Dalam kerangka pikir bangun industri nasional pada RIPIN 2015-2035, apa yang "
                   "dimaksud dengan modal dasar?") == "modal dasar"
    assert subject("visi pembangunan industri nasional di RIPIN 2015-2035 itu apa ya?") == (
        "visi pembangunan industri nasional")


def test_a_definition_may_say_in_what_sense_or_define_the_abbreviation():
    from assistant.answering.patterns import defines

    assert defines("Perekayasaan dalam pengertian di atas adalah kegiatan Industri yang terkait",
                   "perekayasaan")
    sni = "17. Standar Nasional Indonesia yang selanjutnya disingkat SNI adalah standar yang"
    assert defines(sni, "sni") and defines(sni, "standar nasional indonesia")
    # a sentence that says other things of the term first defines nothing
    assert not defines("Kawasan Industri dibangun oleh swasta dan merupakan", "kawasan industri")


@pytest.mark.parametrize(("question", "part"), [
    ("trs tujuannya apa sih menurut penjelasannya?", "Penjelasan"),
    ("Bagaimana Penjelasan Umum PP 14/2015 menjelaskan kearifan lokal?", "Penjelasan"),
    ("In the elucidation of Law 3/2014, what does it mean?", "Penjelasan"),
    ("According to the explanatory notes of PP 31/2016, which industries?", "Penjelasan"),
    # the part's name is the cue, however it is used: its passages are preferred only when
    # one of them passes the checks
    ("Berikan penjelasan tentang klaster industri.", "Penjelasan"),
    ("Apa itu KEK?", None),
])
def test_a_question_may_name_the_part_of_a_regulation_its_answer_stands_in(question, part):
    assert named_part(question) == part


def test_a_paragraph_numbered_like_an_article_may_open_a_definition():
    from assistant.answering.patterns import defines
    sentence = ("(1) Kebijakan Industri Nasional merupakan arah dan tindakan untuk melaksanakan "
                "Rencana Induk Pembangunan Industri Nasional.")
    assert defines(sentence, "kebijakan industri nasional")
    assert not defines("(2) Kebijakan Industri Nasional paling sedikit meliputi: a. sasaran.",
                       "kebijakan industri nasional")


def test_who_a_term_means_and_quotes_written_either_way():
    assert subject("di penjelasan uu 3/2014, wirausaha industri itu maksudnya siapa sih?") == (
        "wirausaha industri")
    # the scanned laws open a quoted term with a closing mark as often as with an opening one
    assert defines("Huruf g Yang dimaksud dengan ”memprioritaskan” adalah untuk memberdayakan "
                   "Usaha Kecil dan Menengah.", "memprioritaskan")
    assert not defines("g. memprioritaskan pengadaan barang atau jasa.", "memprioritaskan")


def test_a_question_asks_a_meaning_in_so_many_words_or_not():
    assert asks_meaning("What does the MSME law mean by net assets?")
    assert asks_meaning("siapa yang dimaksud dengan setiap orang?")
    assert not asks_meaning("what is the maximum annual sales for a small business?")


def test_a_term_a_document_is_asked_to_define_and_an_abbreviation_spelled_out():
    assert subject("Bagaimana PP 29/2018 tentang Pemberdayaan Industri mendefinisikan "
                   "Kemitraan?") == "kemitraan"
    assert spells_out("Strategi ini dibarengi pengembangan One Village One Product (OVOP).",
                      "ovop", "one village one product")
    assert not spells_out("Pihak OVOP sudah melakukan penguatan kelembagaan.", "ovop",
                          "one village one product")


def test_what_exactly_is_a_term_glossed_in_parentheses_under_a_law():
    assert subject("what exactly is an industrial estate company (perusahaan kawasan industri) "
                   "under ?") == "industrial estate company"


def test_an_explained_phrase_may_put_its_verb_before_the_term():
    explained = ("Yang dimaksud dengan “memberikan kemudahan pembiayaan” adalah memberikan "
                 "keringanan persyaratan dalam mendapatkan pembiayaan.")
    assert defines(explained, "kemudahan pembiayaan")
    assert not defines(explained, "pembiayaan")  # one word before the term, not a phrase


def test_a_term_glossed_in_parentheses_after_what_it_means():
    sentence = ("1. Mengembangkan kebijakan pemetaan kebutuhan dan penggunaan sumber energi dari "
                "migas dan batubara ( energy balance );")
    assert glosses(sentence, "energy balance")
    assert not glosses("Neraca energi (2015) disusun.", "energy balance")
    assert not glosses("( energy balance ) di awal", "energy balance")  # nothing before it


def test_an_elucidation_entry_restating_the_item_explains_it():
    entry = ("Huruf b Usaha patungan antara Pemerintah dan swasta melalui kepemilikan modal "
             "mayoritas oleh Pemerintah.")
    assert elucidates(entry, "usaha patungan")
    assert elucidates("Ayat (4) Huruf b Usaha patungan antara Pemerintah dan swasta.",
                      "usaha patungan")
    assert not elucidates("Huruf b Cukup jelas.", "usaha patungan")
    # the body of the law names the item; it does not explain it
    assert not elucidates("b. pembentukan usaha patungan antara Pemerintah dan swasta;",
                          "usaha patungan")
    assert not elucidates("Ayat (1) Usaha patungan cukup jelas.", "usaha patungan")


def test_a_long_word_of_a_defined_term_may_be_misread_by_one_letter():
    # PP 29/2018 is a scan: its definitions read "Sertifrkasi", "Sertilikat"
    assert defines("19. Sertifrkasi Industri Hijau adalah rangkaian kegiatan penerbitan "
                   "sertifikat.", "Sertifikasi Industri Hijau")
    assert defines("2O. Sertilikat Industri Hijau adalah pengakuan yang diberikan.",
                   "sertifikat industri hijau")
    # a short word is not, nor is a word two letters away, nor another term
    assert not defines("5. Industri Hijou adalah Industri yang efisien.", "industri hijau")
    assert not defines("20. Sertifikasi Industri Hijau adalah rangkaian.", "Sertifikat Industri Hijau")
    assert not defines("5. Industri Hijau adalah Industri yang efisien.",
                       "sertifikasi industri hijau")


def test_a_huge_word_in_a_definition_question_is_matched_as_written_and_fast():
    import time

    def seconds(length: int) -> float:
        word = "a" * length
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            assert not defines(f"{word} adalah sesuatu.", word + "b")
            best = min(best, time.perf_counter() - started)
        return best

    # linear, measured as a ratio on this machine in this run: ten times the word takes about ten
    # times as long (a quadratic pattern takes a hundred times as long)
    assert seconds(100_000) < 30 * seconds(10_000) + 0.05


def test_the_articles_a_text_cites_are_its_own_regulations():
    text = ("sebagaimana dimaksud dalam Pasal 16 ayat (1) huruf c, Pasal 7 Undang-Undang Nomor 5 "
            "Tahun 1984, Pasal 8 ayat (2) UU 3/2014 dan Pasal 5A")
    assert cited_articles(text) == [16]  # another law's articles, and 5A, are not Pasal 16's kin
    assert place_articles("Pasal 26–27") == [(26, 27)]
    assert place_articles("Penjelasan Pasal 16") == [(16, 16)]
    assert place_articles("4.7 Wilayah Maluku-2") == []


def test_a_text_citing_an_article_the_earlier_answer_quoted_goes_on_from_it():
    quoted = [("uu.md", "Pasal 45"), ("pp.md", "Pasal 3–4")]
    going_on = "sebagaimana dimaksud dalam Pasal 45 ayat (2) huruf c dilakukan dalam rangka"
    assert cites_quoted(quoted, "uu.md", going_on)
    assert not cites_quoted(quoted, "pp.md", going_on)  # another file's Pasal 45
    assert cites_quoted(quoted, "pp.md", "sebagaimana dimaksud dalam Pasal 4 huruf a")
    assert not cites_quoted(quoted, "uu.md", "sebagaimana dimaksud pada ayat (1)")
    assert not cites_quoted([], "uu.md", going_on)
