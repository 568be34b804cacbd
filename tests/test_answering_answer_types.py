"""Expected answer types: read from the question, checked on the span."""

import pytest

from assistant.answering.answer_types import (
    asked_kind,
    asks_identity,
    expected_types,
    names_person,
    names_someone,
    parties,
    satisfies,
)


@pytest.mark.parametrize("question, kind", [
    ("Untuk jangka waktu berapa lama RIPIN disusun?", "duration"),
    ("Berapa persen kontribusi IKM terhadap PDB?", "percent"),
    ("Berapa hasil penjualan tahunan paling banyak usaha mikro?", "money"),
    ("Berapa luas KEK Sorong?", "area"),
    ("Kapan KEK Morotai ditetapkan?", "date"),
    ("Di kecamatan mana KEK Bitung terletak?", "place"),
    ("Siapa yang menetapkan kebijakan industri nasional?", "actor"),
    ("Mengapa klaster industri penting?", "reason"),
    ("Sebutkan empat tahapan pengembangan klaster.", "list"),
    ("Apa yang dimaksud dengan kawasan industri?", "definition"),
    ("How many IKM units were there in 2013?", "quantity"),
    ("How long is the master plan valid?", "duration"),
    ("Where is the Sorong SEZ located?", "place"),
    ("Who signed PP 31/2016?", "actor"),
    ("Which government regulation makes industrial estates mandatory?", "regulation"),
    ("dasar hukumnya apa?", "regulation"),
    # the asked-for kind is an actor word, and a figure question that names its unit
    ("Which level of government relocates the industries?", "actor"),
    ("Berapa target investasi tahun 2035 dalam triliun rupiah?", "money"),
])
def test_main_type_of_a_question(question, kind):
    assert expected_types(question)[0] == kind


def test_who_in_a_relative_clause_asks_for_no_actor():
    assert "actor" not in expected_types("How long can a penalty last for an official who talks?")
    assert "date" not in expected_types("When a company imports goods, what must it check?"[5:])


@pytest.mark.parametrize("kind, good, bad", [
    ("duration", "disusun untuk jangka waktu 20 (dua puluh) tahun", "disusun oleh Menteri"),
    ("percent", "menyumbang 34 persen terhadap PDB", "menyumbang besar terhadap PDB"),
    ("money", "kekayaan bersih paling banyak Rp50.000.000,00", "kekayaan bersih yang kecil"),
    ("area", "memiliki luas 534 ha", "memiliki luas yang memadai (Pasal 6)"),
    ("date", "Ditetapkan di Jakarta pada tanggal 1 Agustus 2016", "PP Nomor 32 Tahun 2014"),
    ("place", "terletak dalam wilayah Kecamatan Matuari", "terdiri atas beberapa zona"),
    ("quantity", "minimal satu Sentra IKM", "sebagaimana dimaksud dalam Pasal 6"),
    # list enumerators are no figures, mid-sentence either
    ("quantity", "a. memiliki 5 unit usaha", "yang dimaksud dengan: 1. Usaha Mikro adalah"),
    # a table row whose unit is in its label: "Biaya Logistik (% PDB) 14,29 (2022)"
    ("percent", "Biaya Logistik (% PDB) 14,29 (2022)", "Biaya Logistik 14,29 (2022)"),
    ("quantity", "luas 1.500 ha", "Program P3DN dan K3 dilaksanakan"),  # digits of a name
    ("money", "7 Nilai Investasi sektor industri Rp triliun 270 618 1.000 4.150",
     "7 Nilai Investasi sektor industri 270 618"),
    # a list answer enumerates; "mencakup 12 provinsi" names none of them
    ("list", "produk unggulan seperti tenun, aksesoris, kain sutra, mutiara",
     "Indonesia Timur yang mencakup 12 provinsi."),
    ("list", "| 1 | Mimika | Papua |", "hanya satu kawasan"),
    ("regulation", "ditetapkannya Peraturan Pemerintah Nomor\n20 Tahun 2024 tentang",
     "kegiatan industri wajib berlokasi di kawasan industri"),
])
def test_span_checks(kind, good, bad):
    assert satisfies(kind, good) and not satisfies(kind, bad)


def test_a_deadline_answers_a_when_question():
    assert satisfies("date", "ditetapkan paling lambat 12 (dua belas) bulan sejak diundangkan")


def test_who_needs_an_actor_the_question_did_not_name():
    assert names_someone("Pembangunan kawasan Industri dilakukan oleh badan usaha swasta.",
                         "Siapa yang dapat membangun kawasan industri?")
    assert not names_someone("Menteri adalah menteri yang menyelenggarakan urusan Perindustrian.",
                             "Siapa Menteri Perindustrian?")
    assert names_someone("ttd. JOKO WIDODO", "Siapa yang menandatangani PP 31/2016?")


def test_the_kind_asked_after_which_or_what_ends_at_its_verb():
    # "government" is the one who gives, not the kind of thing asked for
    assert "actor" not in expected_types(
        "In what forms can government financing be given to state-owned companies?")
    assert "actor" not in expected_types("On what basis may the government station officials?")
    assert "actor" not in expected_types("What forms should government financing take?")
    assert asked_kind("which list of agencies is it?") == ["list", "of", "agencies"]
    assert expected_types("Which level of government relocates the industries?")[0] == "actor"
    assert asked_kind("which level of government does it?") == ["level", "of", "government"]
    assert asked_kind("lembaga apa yang dapat dibentuk?") == ["lembaga"]


def test_the_kind_of_actor_asked_is_answered_by_one_the_question_does_not_name():
    question = "Untuk memantau kemitraan tersebut, lembaga apa yang dapat dibentuk oleh Menteri?"
    assert names_someone("Menteri dapat membentuk lembaga koordinasi kemitraan usaha nasional.",
                         question)
    assert not names_someone("Menteri dapat membentuk lembaga yang memantau kemitraan.", question)


def test_a_party_named_after_kepada_or_terhadap_answers_who():
    given = "Bantuan mesin secara langsung diberikan kepada kelompok usaha bersama Industri Kecil."
    assert names_someone(given, "bantuan mesin yg dikasih langsung tu buat siapa?")
    # the party the question names already is no answer, nor a clause after "kepada"
    assert not names_someone(given, "bantuan mesin buat industri kecil dari siapa?")
    assert not names_someone("Bantuan diberikan kepada yang memenuhi syarat.", "buat siapa?")
    # a party written in lower case after "kepada" is one; after "terhadap" it is a thing
    recipients = "Fasilitas diberikan kepada pelaku usaha dan/atau tenaga kerja IKM."
    assert names_someone(recipients, "fasilitas itu yang boleh menerima siapa saja?")
    assert not names_someone(recipients, "pelaku usaha dan tenaga kerja IKM dapat fasilitas "
                                         "dari siapa?")
    assert not names_someone("Dampak dinilai terhadap lingkungan hidup.", "dinilai siapa?")
    # a capitalised name runs on past the few words after the marker
    assert parties("diberikan kepada kelompok usaha bersama Industri Menengah.") == [
        "Industri Menengah"]
    # an article number after the marker names no party
    assert not names_someone("sebagaimana dimaksud dalam Pasal 5 diatur dari Pasal 7.", "siapa?")


def test_table_numbers_are_no_figures_and_a_relative_time_says_when():
    assert not satisfies("quantity", "berada di luar Pulau Jawa Tabel 7.6 Program Sentra IKM")
    assert not satisfies("quantity", "lihat Gambar 7.9 Perwilayahan Industri")
    assert satisfies("date", "dapat diberikan pada tahun berjalan atau pada tahun berikutnya.")
    assert not satisfies("date", "diberikan kepada Industri Kecil.")


def test_a_percent_unit_column_makes_a_percent_row():
    row = "Indikator Satuan Kontribusi ekspor produk industri terhadap total ekspor %; 2035 78,4"
    assert satisfies("percent", row) and not satisfies("percent", "Jumlah unit usaha; 2035 40")


def test_one_ayat_number_is_no_list():
    assert not satisfies("list", "(1) Pemerintah dapat melakukan tindakan penyelamatan Industri.")
    assert satisfies("list", "(2) dilakukan melalui: a. stimulus fiskal; dan b. kredit program.")


def test_a_list_item_closing_its_pairs_with_a_semicolon_still_lists():
    # an item of a numbered action plan ends in ";", not a stop: "X dan Y;" names two
    assert satisfies("list", "5. Menerapkan teknologi bahan baku alternatif antara lain dari kayu "
                             "sawit dan kayu karet;")
    assert satisfies("list", "a. pengembangan industri kayu sawit dan kayu karet,")
    assert not satisfies("list", "5. Menerapkan teknologi pengolahan bahan baku kayu;")


def test_a_regulation_named_by_its_kind_answers_which_regulation_but_not_which_number():
    delegated = "(3) Ketentuan lebih lanjut mengenai syarat diatur dalam Peraturan Menteri."
    assert satisfies("regulation", delegated, "diserahkan kepada peraturan apa?")
    assert not satisfies("regulation", delegated, "perpres nomor berapa yang mengatur itu?")
    # the law speaking of itself names no other regulation
    assert not satisfies("regulation", "Pada saat Undang-Undang ini mulai berlaku, semua",
                         "uu apa yang dicabut?")


def test_a_relative_time_says_when_but_gives_no_calendar_date():
    later = "dapat diberikan pada tahun berjalan atau pada tahun berikutnya."
    assert satisfies("date", later, "kapan bantuan itu diberikan?")
    assert not satisfies("date", later, "bantuan itu diberikan tahun berapa?")
    assert not satisfies("date", later, "In which year is it given?")


def test_which_number_asks_for_an_identifier_not_a_quantity():
    assert expected_types("uu itu udah terbit belum? nomor berapa?")[0] == "identifier"
    assert satisfies("identifier", "PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 31 TAHUN 2016")
    assert satisfies("identifier", "sebagaimana diatur dalam UU 3/2014")
    # a duration holds a number, but it names no document or item
    assert not satisfies("identifier", "disusun untuk jangka waktu 20 (dua puluh) tahun")
    # which article: its number answers; the law the question names is no unit of time
    asked = "kriteria yang diatur dalam pasal berapa undang-undang nomor 39 tahun 2009?"
    assert expected_types(asked) == ["article", "quantity"]
    assert satisfies("article", "telah memenuhi kriteria sebagaimana diatur dalam Pasal 4")
    assert not satisfies("identifier", "diatur dalam Pasal 112 ayat (3)")  # no law's number


def test_a_when_clause_before_another_question_word_asks_no_date():
    assert "date" not in expected_types(
        "when law 3/2014 talks about green industry, what does it mean by 'kemampuan'?")
    assert expected_types("when did it start, and where?")[:2] == ["date", "place"]


def test_what_and_a_verb_asks_for_no_list_but_what_and_a_plural_does():
    assert "list" not in expected_types("what happens to the existing regulations?")
    assert "list" not in expected_types("what makes the eastern region attractive?")
    assert expected_types("which regencies and cities make up the wppi?")[0] == "list"


def test_a_question_asking_how_a_document_defines_a_term_asks_for_a_definition():
    assert expected_types("bagaimana pp 29/2018 mendefinisikan kemitraan?") == ["definition"]
    # an adverb, the documents' own word in parentheses and the law it stands in
    assert "definition" in expected_types("what exactly is an industrial estate company "
                                          "(perusahaan kawasan industri) under law 3/2014?")


def test_a_reason_is_told_with_affixes_and_a_place_by_its_name():
    # "penyebab" is "sebab" with an affix; a name after "di" is a place even without "Provinsi"
    assert satisfies("reason", "Rendahnya akses fasilitas kesehatan menjadi salah satu penyebab "
                               "tingkat kesehatan masyarakat masih rendah.")
    assert not satisfies("reason", "Wilayah Sulawesi terdiri dari Kawasan Pesisir dan Kepulauan.")
    assert satisfies("place", "Selain itu, kasus schistosomiasis masih ditemukan di Sulawesi Tengah.")
    assert not satisfies("place", "Di sisi lain, kondisi kesehatan masih rendah.")


def test_a_question_asking_what_an_abbreviation_stands_for_needs_it_written_out():
    assert expected_types("Apa kepanjangan dari ST dan PTC?")[0] == "expansion"
    assert expected_types("ptsp itu singkatan dr apa sih")[0] == "expansion"
    assert expected_types("What does IHP stand for in the elucidation?")[0] == "expansion"
    question = "Apa kepanjangan dari ST dan PTC?"
    assert satisfies("expansion", "untuk Standar Nasional Indonesia (SNI), Spesifikasi Teknis (ST) "
                                  "dan Pedoman Tata Cara (PTC).", question)
    assert not satisfies("expansion", "penyusunan dan pemberlakuan SNI, ST dan/atau PTC sesuai "
                                      "kebutuhan industri prioritas", question)
    assert satisfies("expansion", "Pelayanan Terpadu Satu Pintu yang selanjutnya disingkat PTSP "
                                  "adalah pelayanan", "ptsp itu singkatan dr apa sih")
    # the words in lower case before it, or in parentheses after it
    pome = "What does the abbreviation POME stand for?"
    assert satisfies("expansion", "4. Biogas dari palm oil mill effluent (POME)", pome)
    assert satisfies("expansion", "pengolahan POME ( Palm Oil Mill Effluent ) terintegrasi", pome)
    assert not satisfies("expansion", "pengolahan POME (lima unit) terintegrasi", pome)


def test_a_figure_asked_as_the_most_or_the_least_needs_that_bound():
    most = expected_types("Berapa jumlah maksimal unit usaha dalam satu Sentra IKM?")
    least = expected_types("sentra ikm minimal hrs ada brp unit usaha?")
    assert most[0] == "quantity" and "upper_bound" in most and "lower_bound" not in most
    assert least[0] == "quantity" and "lower_bound" in least
    sentra = "Sentra IKM terdiri dari paling sedikit 5 (lima) unit usaha."
    assert satisfies("lower_bound", sentra) and not satisfies("upper_bound", sentra)
    assert satisfies("upper_bound", "memiliki kekayaan bersih paling banyak Rp50.000.000,00")
    assert satisfies("upper_bound", "periode 2015 s.d. 2019")
    assert not satisfies("upper_bound", "Fasilitasi akses pembiayaan (unit IKM): 5200")
    # no figure asked, so no bound: "minimal" says "at least these things"
    assert expected_types("kerja sama dgn lembaga pendidikan minimal ngapain aja?") == []
    assert expected_types("What must industrial infrastructure include at a minimum?") == []
    # the bound is what a wh-question asks for: a figure, though no "how much" says so
    fine = expected_types("Under Law 20/2008, what is the maximum fine for a large enterprise?")
    assert fine[0] == "quantity" and "upper_bound" in fine
    assert "lower_bound" in expected_types("What minimum capital must a new firm hold?")
    # a figure, not a definition of "maximum fine"
    assert expected_types("What’s the maximum fine?") == ["quantity", "upper_bound"]
    assert "money" in expected_types("What is the maximum fine in rupiah?")
    assert "upper_bound" in expected_types("What is the upper limit on the fine?")
    # things a bound qualifies are several: no figure is asked
    assert expected_types("What minimum requirements must a plan meet?") == []
    assert expected_types("What are the minimum requirements for a permit?") == ["list"]


@pytest.mark.parametrize("question", [
    "menteri perindustrian sekarang siapa ya?",
    "Siapa nama gubernur Papua Barat sekarang?",
    "Siapa presiden pertama Indonesia?",
    "ketua dewan nasional KEK sekarang siapa sih? terus sekretariatnya di mana?",
    "Who is the current Minister of Industry?",
])
def test_who_holds_a_named_office_asks_for_a_name(question):
    assert asks_identity(question)


@pytest.mark.parametrize("question", [
    "Siapa yang menetapkan KIN?",  # a verb: who does it, an office answers
    "komite industri nasional itu diketuai siapa",
    "Siapa pengusul pembentukan KEK Bitung?",  # a role an institution fills
    "Selain ketuanya, siapa saja anggota komite tersebut?",  # a list: offices answer
    "siapa saja ketua komite itu?",
    "Siapa menteri yang berwenang menetapkan standar?",  # which office
    "menteri siapa yang menetapkan standar itu?",
    "laporan kepala daerah disampaikan kepada siapa?",  # to whom
    "kepala daerah bekerja sama dengan siapa?",
    "rencana kerja tahunan ditetapkan sama siapa? presiden juga?",  # another clause
    "Who is responsible for developing industrial technology?",
    "Who is meant by the term Menteri?",
])
def test_other_who_questions_ask_for_no_name(question):
    assert not asks_identity(question)


def test_a_holder_is_named_by_name_not_by_office():
    question = "Siapa presiden yang menetapkan PP ini?"
    assert names_person("PRESIDEN REPUBLIK INDONESIA, ttd. JOKO WIDODO", question)
    assert names_person("Ditetapkan oleh Presiden Joko Widodo.", question)  # after the title
    assert names_person("ditulis oleh Mustika Millenia", "Siapa penulis artikel itu?")
    assert not names_person("diusulkan oleh PT Jababeka Morotai", question)  # a company
    office = ("menteri yang menyelenggarakan urusan pemerintahan di bidang industri "
              "berkoordinasi dengan menteri dan kepala lembaga pemerintah nonkementerian")
    assert not names_person(office, "menteri perindustrian sekarang siapa")
    assert not names_person("Menteri Perindustrian menetapkan KIN.", question)
    assert not names_person("disetujui Pemerintah Provinsi Sulawesi Utara", question)
    assert not names_person("pembentukan Kawasan Ekonomi Khusus Sorong", question)
    # a place the documents name again and again is no one, misspelt office or not
    assert not names_person("persetujuan dari Pemerintah Frovinsi Papua Barat", question,
                            {"papua", "sorong"})
    assert names_person("ttd. SUSILO BAMBANG YUDHOYONO", question)  # "bambang" is a root
    # a name the question gives already is not the answer
    assert not names_person("ttd. JOKO WIDODO", "Apakah Joko Widodo presiden?")
