from assistant.figures import has_number
from assistant.followup import resolve_followup
from assistant.language import detect_language, find_acronyms
from assistant.lexical import query_terms, tokenize
from assistant.question import analyze


def test_language_detection():
    assert detect_language("Berapa luas KEK Bitung?") == "id"
    assert detect_language("How large is the Palu Special Economic Zone?") == "en"
    assert detect_language("Apa yang dimaksud dengan klaster industri?") == "id"


def test_tokens_are_stemmed_and_numbers_kept():
    terms = tokenize("Pemberdayaan industri menyerap 9,7 juta tenaga kerja pada tahun 2013")
    assert "daya" in terms and "serap" in terms and "9,7" in terms and "2013" in terms
    assert "pada" not in terms


def test_english_questions_bring_indonesian_terms():
    terms = query_terms("How many workers were employed?", "en")
    assert "tenaga" in terms and "kerja" in terms


def test_intents_and_specific_terms():
    q = analyze("Berapa luas KEK Bitung dan di kecamatan mana letaknya?")
    assert {"quantity", "where"} <= q.intents
    specific = {g.word for g in q.groups if g.specific}
    assert specific == {"kek", "bitung"}
    d = analyze("Apa yang dimaksud dengan klaster industri?")
    assert "definition" in d.intents and not any(g.specific for g in d.groups)
    lst = analyze("Sebutkan empat tahapan generik pengembangan klaster industri.")
    assert "list" in lst.intents


def test_gloss_in_parentheses_stands_in_for_an_unknown_term():
    known = {"pdrb", "papua", "sektor"}.__contains__
    q = analyze("Which sector has the largest share of Papua's GRDP (PDRB)?", known=known)
    grdp = next(g for g in q.groups if g.word == "grdp")
    assert "pdrb" in grdp.stems and grdp.specific


def test_acronyms_defined_in_text():
    found = find_acronyms(["Pengembangan Kawasan Ekonomi Khusus (KEK) dan One Village One "
                           "Product (OVOP) serta Rencana Induk Pembangunan Industri Nasional "
                           "yang selanjutnya disingkat RIPIN."])
    assert found == {"KEK": "kawasan ekonomi khusus", "OVOP": "one village one product",
                     "RIPIN": "rencana induk pembangunan industri nasional"}


def test_followup_borrows_the_previous_terms():
    first = analyze("Apa itu KEK Bitung dan di provinsi mana letaknya?")
    follow = resolve_followup(analyze("Berapa luasnya?"), first)
    assert "bitung" in follow.query.lower() and {g.word for g in follow.context} >= {"kek", "bitung"}
    standalone = resolve_followup(analyze("Berapa luas KEK Palu?"), first)
    assert standalone.context == [] and standalone.query == "Berapa luas KEK Palu?"
    english = resolve_followup(analyze("And how many workers did they employ that year?"),
                               analyze("How many IKM business units were there in 2013?"))
    assert "2013" in english.query and "ikm" in english.query


def test_numbers_in_digits_or_words():
    assert has_number("minimal satu Sentra IKM") and has_number("534 ha")
    assert not has_number("kawasan industri")


def test_elliptical_followup_keeps_the_question_and_takes_the_new_name():
    first = analyze("Berapa luas KEK Palu?")
    follow = resolve_followup(analyze("Dan KEK Morotai?"), first)
    assert "quantity" in follow.intents and "luas" in {g.word for g in follow.groups}
    assert "palu" not in follow.query.lower() and "morotai" in follow.query.lower()


def test_who_questions_and_words_that_pin_the_answer():
    q = analyze("Who is the current Minister of Industry?")
    assert "who" in q.intents and next(g for g in q.groups if g.word == "current").specific


def test_document_references_and_dates():
    from assistant.figures import has_date
    from assistant.question import references, strip_references

    assert references("Apa isi Pasal 2 PP 29/2018 dan Undang-Undang Nomor 3 Tahun 2014?") == [
        "PP 29/2018", "UU 3/2014"]
    assert references("Menjadi berapa WPI dalam RIPIN 2015-2035?") == ["RIPIN"]
    assert strip_references("Apa lingkup PP 29/2018?") == "Apa lingkup ?"
    assert has_date("Ditetapkan di Jakarta pada tanggal 1 Agustus 2016")
    assert not has_date("PERATURAN PEMERINTAH NOMOR 32 TAHUN 2014 TENTANG KEK BITUNG")


def test_quantity_questions_name_what_they_measure():
    q = analyze("Berapa anggaran pembangunan KEK Sorong?")
    assert q.groups[q.measured].word == "anggaran"
    assert analyze("Berapa jumlah unit usaha IKM?").groups[
        analyze("Berapa jumlah unit usaha IKM?").measured].word == "unit"


def test_names_of_several_words_and_the_present_must_match_whole():
    q = analyze("Apa ibu kota Provinsi Papua Barat Daya saat ini?")
    names = [g for g in q.groups if g.phrases and not g.stems]
    assert {g.word for g in names} == {"papua barat daya"}
    now = next(g for g in q.groups if g.word == "kini")
    assert now.specific and not now.found_in({"papua", "barat"}, "provinsi papua barat")
    assert names[0].found_in(set(), "provinsi papua barat daya: 31,0 persen")
    assert not names[0].found_in({"papua", "barat", "daya"}, "provinsi papua barat: 81,57 persen")


def test_english_definition_subjects_are_put_in_indonesian_order():
    assert analyze("What is a micro enterprise according to UU 20/2008?").subject == "usaha mikro"
    assert analyze("How is 'Bahan Baku' defined in UU 3/2014?").subject == "bahan baku"
