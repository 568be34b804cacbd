"""Question analysis: answer types, names, unknown terms and what a figure measures."""

from assistant.answering import analyze
from assistant.lexical import prefixed_verb


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


def test_words_typed_in_lower_case_that_the_documents_always_capitalise_are_names():
    names = frozenset({"bitung", "papua", "partnership"})
    q = analyze("brp luas kek bitung", names=names)
    assert next(g for g in q.groups if g.word == "bitung").specific
    # in a question with capitals, too: "Papua" is a common word, but never written in lower case
    q = analyze("Berapa rata-rata upah buruh di papua?", names=names)
    assert next(g for g in q.groups if g.word == "papua").specific
    assert not next(g for g in q.groups if g.word == "upah").specific
    # rare or not, a word the documents write in lower case is no name ("furnitur", "wirausaha")
    q = analyze("langkah pengembangan industri furnitur apa aja?", names=names)
    assert not any(g.specific for g in q.groups)
    # an English word an agreement's title capitalises is still an English word
    q = analyze("Which partnership patterns does the law provide for?", names=names)
    assert not next(g for g in q.groups if g.word == "partnership").specific


def test_gloss_in_parentheses_stands_in_for_an_unknown_term():
    known = {"pdrb", "papua", "sektor"}.__contains__
    q = analyze("Which sector has the largest share of Papua's RGDP (PDRB)?", known=known)
    rgdp = next(g for g in q.groups if g.word == "rgdp")  # a spelling the glossary lacks
    assert "pdrb" in rgdp.stems and not rgdp.known


def test_terms_the_documents_lack_are_marked_unknown():
    q = analyze("Berapa luas KEK Mandalika?", known={"luas", "kek"}.__contains__)
    mandalika = next(g for g in q.groups if g.word == "mandalika")
    assert mandalika.specific and not mandalika.known  # a name the documents lack: required


def test_quantity_questions_name_what_they_measure():
    q = analyze("Berapa anggaran pembangunan KEK Sorong?")
    assert q.groups[q.measured].word == "anggaran"
    q = analyze("Berapa jumlah unit usaha IKM?")
    assert q.groups[q.measured].word == "unit"  # "jumlah" says only that a count is asked
    q = analyze("Berapa TPT Provinsi Maluku dibandingkan angka nasional?")
    assert q.measured is None  # the measured thing is a name, required anyway
    # a prefixed verb measures nothing: what is targeted, or what lasts, is
    q = analyze("Kalau penyerapan tenaga kerjanya, ditargetkan naik berapa persen per tahun?")
    assert not prefixed_verb(q.groups[q.measured].word)
    q = analyze("Siapa yang menetapkan kebijakan tersebut dan berapa lama masa berlakunya?")
    assert q.groups[q.measured].word == "kebijakan"


def test_names_of_several_words_and_the_present_must_match_whole():
    q = analyze("Apa ibu kota Provinsi Papua Barat Daya saat ini?")
    names = [g for g in q.groups if g.phrases and not g.stems]
    assert {g.word for g in names} == {"papua barat daya"}
    now = next(g for g in q.groups if g.word == "kini")
    assert now.specific and not now.found_in({"papua", "barat"}, "provinsi papua barat")
    assert names[0].found_in(set(), "provinsi papua barat daya: 31,0 persen")
    assert not names[0].found_in({"papua", "barat", "daya"}, "provinsi papua barat: 81,57 persen")


def test_english_terms_match_the_indonesian_spelling_the_documents_use():
    vocabulary = {"infrastruktur", "jalan", "mikro", "usaha"}
    question = analyze("What kinds of infrastructure support micro enterprises?",
                       known=vocabulary.__contains__)
    infrastructure = next(g for g in question.groups if g.word == "infrastructure")
    micro = next(g for g in question.groups if g.word == "micro")
    assert infrastructure.known and "infrastruktur" in infrastructure.stems
    assert "mikro" in micro.stems
    assert not next(g for g in question.groups if g.word == "kinds").known


def test_english_terms_are_found_in_the_indonesian_words_the_glossary_gives():
    # en_id_terms.tsv renders "partnership" as "mitra"; the documents say "kemitraan"
    question = analyze("Which partnership patterns does the law provide for?",
                       known={"mitra", "pola"}.__contains__)
    partnership = next(g for g in question.groups if g.word == "partnership")
    assert "mitra" in partnership.stems and partnership.found_in({"mitra"}, "kemitraan")
    # a rendering the documents never use is not added
    assert analyze("Which partnership patterns?", known=set().__contains__
                   ).groups[0].stems == {"partnership"}


def test_a_name_the_documents_abbreviate_may_appear_as_its_acronym():
    question = analyze("Daerah mana saja yang ditetapkan sebagai Wilayah Pusat Pertumbuhan "
                       "Industri di Maluku Utara?",
                       acronyms={"WPPI": "wilayah pusat pertumbuhan industri"})
    name = next(g for g in question.groups if g.word == "wilayah pusat pertumbuhan industri")
    assert name.specific and name.found_in({"wppi"}, "tabel 7.2 wppi 3 halmahera timur")
    pusat = next(g for g in question.groups if g.word == "pusat")
    assert not pusat.specific  # satisfied by the whole name, not required alone


def test_a_figure_asked_at_the_end_of_a_chat_question_measures_what_came_before():
    question = analyze("rata2 upah buruh industri di Maluku Utara brp sih?")
    assert question.groups[question.measured].word == "upah"
    # after the cue, a generic measure ("besar") says a figure is asked; the term after it is
    # what is measured
    q = analyze("berapa besar kontribusi IKM")
    assert q.groups[q.measured].word == "kontribusi"
    # "brp angkanya": a generic measure with -nya points back at what was asked before it
    q = analyze("pengangguran terbuka paling tinggi ada di lulusan apa? brp angkanya?")
    assert q.groups[q.measured].word == "pengangguran"
    q = analyze("berapa besarnya kontribusi IKM")
    assert q.groups[q.measured].word == "kontribusi"


def test_a_definition_subject_also_goes_by_the_shorter_names_it_ends_with():
    q = analyze("Apa yang dimaksud dengan asas keterkaitan industri dalam UU 3/2014?")
    assert q.subject_forms == ["asas keterkaitan industri", "keterkaitan industri"]


def test_what_a_figure_question_measures_is_a_thing_not_the_unit_it_asks_in():
    known = {"natural", "gas", "cadangan", "lama", "tetap", "luas", "kek", "bitung"}.__contains__
    q = analyze("PP pelaksana harus ditetapkan paling lambat berapa lama?", known=known)
    assert q.measured is None  # "berapa lama" asks for a duration; it measures no "lama"
    q = analyze("How large are the natural gas reserves in Maluku?", known=known)
    assert q.measured is None  # English words the Indonesian quote will not repeat
    q = analyze("Berapa anggaran pembangunan KEK Sorong?")
    assert q.groups[q.measured].word == "anggaran"  # a budget is a thing measured


def test_an_english_acronym_the_documents_never_use_is_no_required_name():
    known = {"share", "ntb", "mataram"}.__contains__
    q = analyze("What share of NTB's 2023 GRDP came from Mataram?", known=known)
    specific = {g.word for g in q.groups if g.specific}
    assert "grdp" not in specific and {"ntb", "mataram", "2023"} <= specific


def test_a_place_typed_in_lower_case_after_a_place_word_is_one_name():
    known = {"sentra", "ikm", "maluku", "utara", "provinsi", "bentuk"}.__contains__
    q = analyze("udh brp sentra IKM yg terbentuk di provinsi maluku utara skrg?", known=known)
    names = [g for g in q.groups if g.specific and g.phrases == {"maluku utara"}]
    assert names and not names[0].found_in({"maluku"}, "provinsi maluku")
    assert names[0].found_in(set(), "di provinsi maluku utara terdapat")


def test_a_chat_question_with_the_cue_last_measures_the_term_before_it():
    known = {"bea", "keluar", "ekspor", "bijih", "nikel", "tetap", "persen"}.__contains__
    q = analyze("bea keluar buat ekspor bijih nikel ditetapin brp persen sih?", known=known)
    assert q.groups[q.measured].word == "bea"


def test_a_place_word_before_a_name_is_not_itself_required():
    q = analyze("Berapa IPM Provinsi Maluku dan Kabupaten Sorong?")
    specific = {g.word for g in q.groups if g.specific}
    assert {"maluku", "sorong"} <= specific
    assert not {"provinsi", "kabupaten"} & specific
    assert "provinsi" in {g.word for g in analyze("Provinsi mana yang terluas?").groups}


def test_a_typed_place_name_stops_before_the_commonest_words():
    q = analyze("nilai tambah di luar pulau jawa tahun 2035 berapa persen", known=lambda w: True)
    assert "jawa tahun" not in {g.word for g in q.groups}
    assert "maluku utara" in {g.word for g in analyze("upah di provinsi maluku utara berapa",
                                                      known=lambda w: True).groups}


def test_a_typed_place_name_stops_before_a_verb():
    names = frozenset({"jawa", "berau"})
    q = analyze("persentase di luar pulau jawa ditargetkan berapa", known=lambda w: True,
                names=names)
    assert "jawa ditargetkan" not in {g.word for g in q.groups}
    # a word the documents capitalise is a name, whatever its first letters ("ber-")
    q = analyze("luas di kabupaten berau tengah berapa", known=lambda w: True, names=names)
    assert "berau tengah" in {g.word for g in q.groups}


def test_a_typed_place_name_ends_at_punctuation():
    q = analyze("trs kalo yg level kabupaten/kota, rencananya disusun sm siapa?",
                known=lambda w: True)
    assert not [g for g in q.groups if g.specific]  # "rencananya disusun" names no place


def test_a_typed_place_name_opens_with_a_word_the_documents_capitalise():
    question = "kebutuhan lahan di kawasan peruntukan industri periode 2025-2035 brp ha?"
    names = frozenset({"maluku", "papua"})
    assert "peruntukan industri periode" in {
        g.word for g in analyze(question, known=lambda w: True).groups}
    assert not [g for g in analyze(question, known=lambda w: True, names=names).groups
                if g.specific and " " in g.word]  # a kind of area, not a place
    assert "maluku utara" in {g.word for g in analyze("upah di provinsi maluku utara berapa",
                                                      known=lambda w: True, names=names).groups}


def test_a_name_whose_first_words_the_documents_abbreviate_may_be_written_short():
    q = analyze("Kapan PP KEK tentang Kawasan Ekonomi Khusus Morotai ditetapkan?",
                acronyms={"KEK": "kawasan ekonomi khusus"}, known=lambda w: True)
    name = next(g for g in q.groups if g.word == "kawasan ekonomi khusus morotai")
    assert name.specific and name.found_in(set(), "pp 50/2014 - kek morotai")
    assert not name.found_in(set(), "pp 31/2014 - kek palu")
    # its words are satisfied by the whole name, short or long, not required one by one
    ekonomi = next(g for g in q.groups if g.word == "ekonomi")
    assert not ekonomi.specific


def test_an_english_definition_question_asks_for_the_documents_term_it_glosses():
    indonesian = {"sertifikat", "industri", "hijau", "teknologi"}
    known = indonesian.__contains__
    q = analyze("How does PP 29/2018 define a Green Industry Certificate (Sertifikat Industri "
                "Hijau)?", language="en", known=known)
    assert q.subject == "sertifikat industri hijau"
    quoted = analyze("How does the law define 'Teknologi Industri' (industrial technology)?",
                     language="en", known=known)
    assert quoted.subject == "teknologi industri"  # the term it quotes is the documents' own


def test_a_question_opening_with_a_generic_measure_measures_the_term_after_it():
    def measured(text):
        q = analyze(text)
        return q.groups[q.measured].word if q.measured is not None else None

    assert measured("Berapa nilai ekspor produk kakao olahan pada tahun 2023?") == "ekspor"
    assert measured("bea keluar kakao brp persen?") == "bea"  # in chat the measure comes first
    # the term of the clause that asks, not of a leading clause ("Dalam sasaran utama PN5, …")
    assert measured("Dalam sasaran utama PN5, berapa angka awal pembentukan modal?") == "awal"


def test_a_clause_before_a_colon_that_asks_nothing_is_not_required():
    q = analyze("Sebagai bahan penyusunan RTRW, saya perlu memastikan: Kawasan Industri wajib "
                "berada pada kawasan apa?")
    rtrw = next(g for g in q.groups if g.word == "rtrw")
    assert not rtrw.specific and rtrw.weight < 1
    label = analyze("KEK Sorong: berapa luasnya?")  # a short label names the topic
    assert {"kek", "sorong"} <= {g.word for g in label.groups if g.specific}


def test_a_figure_asked_after_a_leading_clause_measures_a_term_of_its_own_clause():
    question = analyze("Dalam program P3DN, penggunaan belanja modal pemerintah ditargetkan "
                       "mencapai berapa persen?")
    assert question.groups[question.measured].word == "penggunaan"  # not the programme


def test_a_leading_clause_that_asks_nothing_says_where_to_look_and_counts_less():
    question = analyze("Dalam program pengembangan Industri Hijau pada RIPIN, kegiatan apa saja "
                       "yang termasuk dalam penetapan standar industri hijau?")
    weight = {g.word: g.weight for g in question.groups}
    assert weight["program"] < 1 and weight["pengembangan"] < 1
    assert weight["penetapan"] == weight["standar"] == 1.0  # what is asked
    names = analyze("Di Provinsi Maluku, berapa upah buruh?")
    assert any(g.word == "maluku" and g.specific for g in names.groups)  # still required
    asking = analyze("Berapa luas KEK Bitung, dan di mana letaknya?")  # the first clause asks
    assert all(g.weight == 1.0 for g in asking.groups if g.word == "luas")


def test_a_question_spelling_out_an_abbreviation_may_be_answered_by_it():
    question = analyze("Berapa Indeks Pembangunan Manusia (IPM) Provinsi Papua?")
    whole = next(g for g in question.groups if g.word == "indeks pembangunan manusia")
    assert whole.specific and "ipm" in whole.stems  # the name, or its abbreviation
    assert not any(g.specific for g in question.groups if g.word in {"indeks", "manusia"})



def test_an_informal_verb_is_read_by_any_document_stem_though_kept_words_need_several_chunks():
    # "jabar" (of "dijabarkan") is in one chunk: known, not common; the verb is still read
    known = {"jabar", "kin", "dokumen"}.__contains__
    common = {"kin", "dokumen"}.__contains__
    question = analyze("KIN dijabarin ke dokumen apa?", language="id", known=known, common=common)
    assert "dijabarkan" in question.normalized
    assert "dijabarkan" in [group.word for group in question.groups]
