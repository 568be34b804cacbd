"""Question analysis: language, answer types, names, references, what a figure measures."""

from assistant.answering import analyze
from assistant.answering.patterns import references, strip_references, subject
from assistant.language import detect_language, find_acronyms, loanword_forms
from assistant.lexical import query_terms, tokenize


def test_language_detection():
    assert detect_language("Berapa luas KEK Bitung?") == "id"
    assert detect_language("How large is the Palu Special Economic Zone?") == "en"
    assert detect_language("Apa yang dimaksud dengan klaster industri?") == "id"


def test_tokens_are_stemmed_and_numbers_kept():
    terms = tokenize("Pemberdayaan industri menyerap 9,7 juta tenaga kerja pada tahun 2013")
    assert "daya" in terms and "serap" in terms and "9,7" in terms and "2013" in terms
    assert "pada" not in terms


def test_english_questions_bring_indonesian_terms_to_retrieval():
    terms = query_terms("How many workers were employed?", "en")
    assert "tenaga" in terms and "kerja" in terms


def test_answer_types_and_names():
    q = analyze("Berapa luas KEK Bitung dan di kecamatan mana letaknya?")
    assert q.types[0] == "area" and {"place", "quantity"} <= set(q.types)
    assert {g.word for g in q.groups if g.specific} == {"kek", "bitung"}
    d = analyze("Apa yang dimaksud dengan klaster industri?")
    assert "definition" in d.types and d.subject == "klaster industri"
    assert not any(g.specific for g in d.groups)
    assert "list" in analyze("Sebutkan empat tahapan generik pengembangan klaster industri.").types


def test_english_words_in_capitals_are_not_names_but_places_are():
    q = analyze("How large is the Palu Special Economic Zone and where is it located?")
    specific = {g.word for g in q.groups if g.specific}
    assert "palu" in specific and not {"special", "economic", "zone"} & specific
    assert not any(g.phrases and g.specific for g in q.groups)  # no "special economic zone" name
    q = analyze("What is the 2029 poverty target for Papua Pegunungan province?")
    assert any(g.word == "papua pegunungan" and g.specific for g in q.groups)


def test_lower_case_chat_treats_rare_bare_words_the_documents_use_as_names():
    known = {"bitung", "luas", "kek", "tetap", "undang"}.__contains__
    q = analyze("brp luas kek bitung", known=known)
    assert next(g for g in q.groups if g.word == "bitung").specific
    q = analyze("pp kek palu diundangkan tgl brp", known=known)
    assert not next(g for g in q.groups if g.word == "diundangkan").specific


def test_gloss_in_parentheses_stands_in_for_an_unknown_term():
    known = {"pdrb", "papua", "sektor"}.__contains__
    q = analyze("Which sector has the largest share of Papua's GRDP (PDRB)?", known=known)
    grdp = next(g for g in q.groups if g.word == "grdp")
    assert "pdrb" in grdp.stems and not grdp.known


def test_terms_the_documents_lack_are_marked_unknown():
    q = analyze("Berapa luas KEK Mandalika?", known={"luas", "kek"}.__contains__)
    mandalika = next(g for g in q.groups if g.word == "mandalika")
    assert mandalika.specific and not mandalika.known  # a name the documents lack: required


def test_acronyms_defined_in_text():
    found = find_acronyms(["Pengembangan Kawasan Ekonomi Khusus (KEK) dan One Village One "
                           "Product (OVOP) serta Rencana Induk Pembangunan Industri Nasional "
                           "yang selanjutnya disingkat RIPIN."])
    assert found == {"KEK": "kawasan ekonomi khusus", "OVOP": "one village one product",
                     "RIPIN": "rencana induk pembangunan industri nasional"}


def test_document_references_in_both_languages():
    assert references("Apa isi Pasal 2 PP 29/2018 dan Undang-Undang Nomor 3 Tahun 2014?") == [
        "PP 29/2018", "UU 3/2014"]
    assert references("What period does it cover under Law 3/2014?") == ["UU 3/2014"]
    assert references("Menjadi berapa WPI dalam RIPIN 2015-2035?") == ["RIPIN 2015-2035"]
    assert references("Menurut RIPIN, apa visinya?") == ["RIPIN"]
    assert strip_references("Apa lingkup PP 29/2018?") == "Apa lingkup ?"


def test_quantity_questions_name_what_they_measure():
    q = analyze("Berapa anggaran pembangunan KEK Sorong?")
    assert q.groups[q.measured].word == "anggaran"
    q = analyze("Berapa jumlah unit usaha IKM?")
    assert q.groups[q.measured].word == "unit"  # "jumlah" says only that a count is asked
    q = analyze("Berapa TPT Provinsi Maluku dibandingkan angka nasional?")
    assert q.measured is None  # the measured thing is a name, required anyway


def test_names_of_several_words_and_the_present_must_match_whole():
    q = analyze("Apa ibu kota Provinsi Papua Barat Daya saat ini?")
    names = [g for g in q.groups if g.phrases and not g.stems]
    assert {g.word for g in names} == {"papua barat daya"}
    now = next(g for g in q.groups if g.word == "kini")
    assert now.specific and not now.found_in({"papua", "barat"}, "provinsi papua barat")
    assert names[0].found_in(set(), "provinsi papua barat daya: 31,0 persen")
    assert not names[0].found_in({"papua", "barat", "daya"}, "provinsi papua barat: 81,57 persen")


def test_definition_subjects():
    assert subject("Apa yang dimaksud dengan asas kebersamaan dalam UU 3/2014?") == "asas kebersamaan"
    assert subject("How is 'Bahan Baku' defined in UU 3/2014?") == "bahan baku"
    assert subject("kawasan industri itu maksudnya apa") == "kawasan industri"
    assert subject("Berapa luas KEK Bitung?") is None


def test_regulations_named_by_their_subject():
    assert references("industri kecil boleh dimiliki orang asing menurut UU perindustrian?") == [
        "UU tentang perindustrian"]
    assert references("Peraturan Pemerintah tentang Pemberdayaan Industri") == [
        "PP tentang pemberdayaan"]


def test_a_document_name_fits_a_file_by_label_acronym_and_numbers_or_subject():
    from assistant.retrieve import _names

    ripin = ("Peraturan Pemerintah Nomor 14 Tahun 2015 tentang Rencana Induk Pembangunan "
             "Industri Nasional (RIPIN) Tahun 2015-2035")
    rpjmn = "RPJMN 2025-2029 (Lampiran Perpres No. 12 Tahun 2025), Bab IV"
    law = "Undang-Undang Nomor 3 Tahun 2014 tentang Perindustrian"
    assert _names("PP 14/2015", "PP 14/2015", ripin) and _names("RIPIN 2015-2035", "PP 14/2015", ripin)
    assert _names("RPJMN 2025-2029", "RPJMN 2025-2029", rpjmn)
    assert not _names("RPJMN 2020-2024", "RPJMN 2025-2029", rpjmn)  # another plan period
    assert _names("UU tentang perindustrian", "UU 3/2014", law)
    assert not _names("PP tentang perindustrian", "UU 3/2014", law)  # wrong kind
    assert not _names("UU tentang yang", "UU 3/2014", law)


def test_english_words_spelled_the_indonesian_way():
    assert "infrastruktur" in loanword_forms("infrastructure")
    assert "komoditas" in loanword_forms("commodity")
    assert "ekonomi" in loanword_forms("economic")
    assert "teknologi" in loanword_forms("technology")
    assert "potensi" in loanword_forms("potential")
    assert "produk" in loanword_forms("products")


def test_english_terms_match_the_indonesian_spelling_the_documents_use():
    vocabulary = {"infrastruktur", "jalan", "mikro", "usaha"}
    question = analyze("What kinds of infrastructure support micro enterprises?",
                       known=vocabulary.__contains__)
    infrastructure = next(g for g in question.groups if g.word == "infrastructure")
    micro = next(g for g in question.groups if g.word == "micro")
    assert infrastructure.known and "infrastruktur" in infrastructure.stems
    assert "mikro" in micro.stems
    assert not next(g for g in question.groups if g.word == "kinds").known
