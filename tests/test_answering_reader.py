"""The reader on hand-made passages: its checks, refusals and quotes (hash embedder, no model)."""

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from builders import make_chunk

from assistant.answering import Reader, analyze, resolve_followup, unsupported_numbers
from assistant.answering.definitions import definitions_first
from assistant.answering.scorer import load_weights
from assistant.answering.spans import candidate_spans
from assistant.answering.subquestions import read_subquestions, resolve_subquestions
from assistant.answering.vectors import SentenceVectors
from assistant.documents import Chunk, Passage
from assistant.embeddings import HashEmbedder
from assistant.keywords import KeywordIndex

TEXTS = {
    "kek": ("Pasal 2", "Kawasan Ekonomi Khusus Bitung sebagaimana dimaksud dalam Pasal 1 memiliki "
            "luas 534 ha (lima ratus tiga puluh empat hektar) yang terletak dalam wilayah "
            "Kecamatan Matuari, Kota Bitung, Provinsi Sulawesi Utara. Kawasan ini terbagi atas "
            "beberapa zona."),
    "ikm": ("Lampiran", "Peran IKM sangat besar. Penyerapan tenaga kerja IKM menyerap lebih dari "
            "9,7 juta orang pada tahun 2013 dan merupakan 65,4 persen dari total penyerapan tenaga "
            "kerja sektor industri non migas."),
    "def": ("", "Klaster Industri didefinisikan sebagai suatu jaringan dari sehimpunan industri "
            "yang saling berkaitan yaitu industri inti, industri pemasok, industri pendukung dan "
            "industri terkait."),
    "asas": ("Penjelasan Pasal 2", "Huruf c Yang dimaksud dengan “asas kebersamaan” adalah asas "
             "yang mendorong pemerataan kesempatan dan hasil usaha."),
    "sasaran": ("Lampiran", "Pengembangan IKM diharapkan akan meningkatkan jumlah unit usaha IKM "
                "rata-rata sebesar 1% (satu persen) per tahun. Upah ditetapkan oleh gubernur."),
    "lokal": ("Penjelasan", "Yang dimaksud dengan “kearifan lokal” merupakan gagasan setempat "
              "yang bersifat bijaksana. Contoh: nilai, norma, etika, dan hukum adat."),
    "ikn": ("Potensi", "Pembangunan IKN membuka peluang bagi Wilayah Sulawesi sebagai daerah "
            "penyangga. Dengan posisinya, Sulawesi dapat menyuplai logistik dan bahan pangan."),
    "kreatif": ("Lampiran", "Untuk mengembangkan kreativitas, perlu dilakukan: a. penyediaan ruang "
                "dan wilayah untuk masyarakat berkreativitas; b. pengembangan sentra industri "
                "kreatif.\na. Penyediaan ruang dan wilayah untuk masyarakat berkreativitas, antara "
                "lain berupa: 1) pembangunan techno park; 2) pembangunan pusat animasi."),
    "teknologi": ("Lampiran", "Pemanfaatan teknologi yang disertai inovasi sesuai dengan "
                  "karakteristik IKM yang fleksibel. Dengan cara tersebut, IKM mampu menghasilkan "
                  "produk dengan biaya rendah. Pasar ekspor juga dibuka."),
    "pdrb": ("Isu Wilayah", "Kontribusi PDRB didominasi oleh Provinsi Papua Tengah (41 persen) "
             "dan Provinsi Papua Pegunungan (5 persen). Jumlah desa terus bertambah. IPM Maluku "
             "dan Malut naik, nilai tukar petani turun."),
    "list": ("Pasal 2", "Perindustrian diselenggarakan berdasarkan asas: a. kepentingan nasional; "
             "b. demokrasi ekonomi; c. kebersamaan; dan d. kemandirian."),
    "upah": ("Isu Wilayah", "Rata-rata upah buruh lebih rendah dari angka nasional (Maluku: Rp2,3 "
             "juta; Nasional: Rp3,02 juta), karena proporsi lulusan SD masih tinggi (Maluku: "
             "32,43 persen; Malut: 44,8 persen)."),
    "sign": ("Pasal 7", "Peraturan Pemerintah ini mulai berlaku pada tanggal diundangkan.\n"
             "Ditetapkan di Jakarta pada tanggal 30 Juni 2014\nttd. SUSILO BAMBANG YUDHOYONO\n"
             "LEMBARAN NEGARA REPUBLIK INDONESIA TAHUN 2014 NOMOR 144"),
}


def _keyword_index(texts: dict[str, str]) -> KeywordIndex:
    """A persisted keyword index over bare texts (no citation header), one file per text."""
    index = KeywordIndex(Path(tempfile.mkdtemp(prefix="klaster-keywords-")))
    writer = index.writer()
    for key, text in texts.items():
        chunk = Chunk(id=key, source=f"{key}.md", title="", label="", kind="document",
                      year=None, location="", text=text, order=0)
        writer.add(chunk.source, {"source": chunk.source}, [chunk])
    writer.flush()
    return index


KNOWN = _keyword_index({k: t for k, (_, t) in TEXTS.items()})


def _passages(*keys):
    out = []
    for rank, key in enumerate(keys):
        location, text = TEXTS[key]
        chunk = Chunk(id=key, source=f"{key}.md", title=f"Dokumen {key}", label=f"DOK {key}",
                      kind="regulation", year=2014, location=location, text=text, order=0)
        out.append(Passage(chunk=chunk, score=1.0 / (rank + 1)))
    return out


@pytest.fixture(scope="module")
def reader():
    embedder = HashEmbedder()
    return Reader(KNOWN.idf, KNOWN.known, SentenceVectors(embedder), embedder.embed_query)


@pytest.fixture(scope="module")
def eager(reader):
    """A reader that never refuses: for what is quoted, not whether to refuse (hashed vectors
    give the refusal model little to go by)."""
    return Reader(reader.idf, reader.known, reader.vectors, reader.embed_query,
                  replace(load_weights(), threshold=0.0))


def ask(text, previous=None):
    question = analyze(text, acronyms={"KEK": "kawasan ekonomi khusus"}, known=KNOWN.known)
    return resolve_followup(question, previous)


def test_quantity_answer_quotes_the_sentence_and_cites_it(reader):
    answer = reader(ask("Berapa luas KEK Bitung?"), _passages("kek", "ikm"))
    assert answer.found and "534 ha" in answer.text and "[1]" in answer.text
    assert [c.source for c in answer.citations] == ["kek.md"]
    assert answer.citations[0].location == "Pasal 2"
    assert answer.citations[0].quote in TEXTS["kek"][1]
    assert unsupported_numbers(answer) == []


def test_english_question_is_answered_from_indonesian_text(reader):
    answer = reader(ask("How many workers did IKM employ in 2013?"), _passages("ikm", "kek"))
    assert answer.found and answer.language == "en" and "9,7" in answer.text
    assert answer.text.startswith("According to the documents")


def test_missing_name_or_figure_means_not_found(reader):
    for question in ("Berapa luas KEK Mandalika?", "Siapa pemenang Piala Dunia 2018?"):
        answer = reader(ask(question), _passages("kek", "ikm", "def"))
        assert not answer.found, question
        assert answer.citations == [] and answer.passages  # related passages still offered
    assert not reader(ask("Berapa jumlah industri inti dalam klaster industri?"),
                      _passages("def")).found  # the definition holds no figure


def test_not_found_text_is_in_the_question_language(reader):
    assert reader(ask("Siapa pemenang Piala Dunia 2018?"), _passages("kek")).text.startswith(
        "Tidak ditemukan dalam dokumen")
    assert reader(ask("What is the capital of France?"), _passages("kek")).text.startswith(
        "Not found in the documents")


def test_who_question_is_refused_when_no_quote_names_an_actor(reader):
    answer = reader(ask("Siapa yang pertama kali mencetuskan istilah klaster industri?"),
                    _passages("def", "ikm"))
    assert not answer.found


def test_definition_of_a_named_item_prefers_its_explanation_over_the_list(reader):
    answer = reader(ask("Apa yang dimaksud dengan asas kebersamaan?"), _passages("list", "asas"))
    assert answer.found and "pemerataan kesempatan" in answer.text
    assert "demokrasi ekonomi" not in answer.text


def test_pronoun_followup_keeps_the_subject(reader):
    first = ask("Apa itu KEK Bitung?")
    answer = reader(ask("Di kecamatan mana letaknya?", first), _passages("ikm", "kek"))
    assert answer.found and "Matuari" in answer.text


def test_a_followup_needs_some_word_of_the_earlier_subject_not_its_first(eager):
    # "article" comes first and the glossary renders it "pasal", which the definition lacks;
    # "industrial clusters" is what the earlier question was about
    first = ask("What does the article say about industrial clusters?")
    followup = ask("And how is it defined?", first)
    assert [g.word for g in followup.context][:1] == ["article"]
    assert not any(g.specific for g in followup.context)
    answer = eager(followup, _passages("def", "kek"))
    assert answer.found and "sehimpunan industri" in answer.text
    unrelated = ask("And where is it?", ask("Tell me about fisheries."))
    assert not eager(unrelated, _passages("kek")).found


def test_signature_blocks_are_never_quoted_but_the_enactment_date_answers_when(eager):
    spans = candidate_spans(_passages("sign"))
    quotes = [s.quote for s in spans]
    assert not any("LEMBARAN NEGARA" in q or "ttd." in q for q in quotes if not s_enact(spans, q))
    when = eager(ask("Kapan peraturan pemerintah ini ditetapkan?"), _passages("sign"))
    assert when.found and "30 Juni 2014" in when.text and "LEMBARAN" not in when.text
    what = eager(ask("Apa isi Pasal 7 tentang berlakunya peraturan?"), _passages("sign"))
    assert what.found and "Ditetapkan di" not in what.text and "LEMBARAN" not in what.text
    # the gazette line answers a question that names the gazette, and only such a question
    gazette = eager(ask("Dimuat dalam Lembaran Negara tahun 2014 nomor berapa?"),
                    _passages("sign"))
    assert gazette.found and "NOMOR 144" in gazette.text and "ttd." not in gazette.text


def s_enact(spans, quote):
    return any(s.enactment for s in spans if s.quote == quote)


def test_a_list_question_gets_the_list_with_its_lead_in(eager):
    answer = eager(ask("Sebutkan asas penyelenggaraan perindustrian."), _passages("list"))
    assert answer.found and "kepentingan nasional" in answer.text and "kemandirian" in answer.text


def test_a_named_document_that_is_not_indexed_must_be_cited_by_the_quote(reader):
    from dataclasses import replace

    question = replace(ask("Berapa luas KEK Bitung menurut PP 7/2021?"), unindexed=["PP 7/2021"])
    assert not reader(question, _passages("kek")).found  # the figure is not PP 7/2021's
    assert reader(replace(question, unindexed=[]), _passages("kek")).found


def test_the_word_after_a_measure_may_name_what_is_measured(eager):
    # "target" is not said, "peningkatan" is: the figure is the target's
    answer = eager(ask("Berapa target peningkatan jumlah unit usaha IKM per tahun?"),
                   _passages("sasaran"))
    assert answer.found and "1%" in answer.text
    # "upah" is not said and "rata" is a generic measure word: no figure of something else
    assert not eager(ask("Berapa upah rata-rata tenaga kerja IKM?"), _passages("ikm")).found


def test_a_two_part_question_also_gets_the_sentence_that_goes_on_answering(eager):
    answer = eager(ask("Apa yang dimaksud dengan kearifan lokal, dan apa saja contohnya?"),
                   _passages("lokal"))
    assert answer.found and "gagasan setempat" in answer.text and "hukum adat" in answer.text


def test_the_sentence_before_joins_when_it_answers_the_rest(eager):
    answer = eager(ask("Peluang apa yang dibuka IKN bagi Sulawesi dan apa yang dapat disuplai "
                       "Sulawesi?"), _passages("ikn"))
    assert answer.found and "penyangga" in answer.text and "logistik" in answer.text


def test_a_next_sentence_that_points_back_goes_on_saying_what_the_chosen_one_began(eager):
    answer = eager(ask("Apa keuntungan pemanfaatan teknologi yang disertai inovasi bagi IKM?"),
                   _passages("teknologi"))
    assert answer.found and "fleksibel" in answer.text and "biaya rendah" in answer.text
    assert "Pasar ekspor" not in answer.text  # the sentence after it does not point back


def test_a_list_question_gets_the_list_its_lead_in_names_not_one_repeating_it(eager):
    answer = eager(ask("Penyediaan ruang dan wilayah untuk masyarakat berkreativitas berupa apa "
                       "saja?"), _passages("kreatif"))
    assert answer.found and "techno park" in answer.text


def test_a_sentence_sharing_no_word_with_the_question_does_not_answer_it(eager):
    assert not eager(ask("Rekomendasi tempat makan yang enak?"), _passages("ikm")).found


def test_a_figure_labelled_for_the_place_belongs_to_the_measure_before_it(eager):
    acronyms = {"MALUT": "maluku utara"}

    def asked(text):
        return analyze(text, acronyms=acronyms, known=KNOWN.known)

    # Maluku Utara ("Malut") has a figure here, but of schooling, not of wages
    assert not eager(asked("Berapa upah buruh di Maluku Utara?"), _passages("upah")).found
    answer = eager(asked("Berapa upah buruh di Maluku?"), _passages("upah"))
    assert answer.found and "Rp2,3" in answer.text
    answer = eager(asked("Berapa proporsi lulusan SD di Maluku Utara?"), _passages("upah"))
    assert answer.found and "44,8" in answer.text


def test_a_count_is_of_the_word_after_the_cue_not_of_a_place_after_a_preposition(eager):
    # "jumlah desa di provinsi …": a share of the province's output is no count of villages
    assert not eager(ask("Berapa jumlah desa di Provinsi Papua Pegunungan?"),
                     _passages("pdrb")).found
    assert eager(ask("Berapa kontribusi PDRB Provinsi Papua Pegunungan?"), _passages("pdrb")).found


def test_a_question_naming_the_explanation_is_answered_from_it(eager):
    def passage(location, text, rank):
        chunk = Chunk(id=location, source="uu.md", title="UU 3/2014", label="UU 3/2014",
                      kind="regulation", year=2014, location=location, text=text, order=rank)
        return Passage(chunk=chunk, score=1.0 / (rank + 1))
    passages = [
        passage("Pasal 64", "(1) Sistem Informasi Industri Nasional dikembangkan oleh Menteri.", 0),
        passage("Penjelasan Pasal 64", "Ayat (1) Sistem Informasi Industri Nasional dikembangkan "
                "antara lain secara on-line melalui media internet.", 1),
    ]
    asked = "Menurut penjelasan UU 3/2014, Sistem Informasi Industri Nasional dikembangkan lewat apa?"
    answer = eager(ask(asked), passages)
    assert answer.found and "internet" in answer.text
    assert [c.location for c in answer.citations] == ["Penjelasan Pasal 64"]
    plain = eager(ask("Sistem Informasi Industri Nasional dikembangkan oleh siapa?"), passages)
    assert plain.found and "Menteri" in plain.text


def _chunk(text, location="", title="UU 3/2014", kind="regulation", year=2014):
    """One chunk of a document, for a test that needs no more."""
    return Chunk(id=title, source=f"{title}.md", title=title, label=title, kind=kind, year=year,
                 location=location, text=text, order=0)


def test_who_is_meant_by_a_term_is_answered_by_its_definition_actor_or_not(eager):
    chunk = _chunk("7. Setiap Orang adalah orang perseorangan atau korporasi. 8. Menteri adalah "
                   "menteri yang menyelenggarakan urusan pemerintahan di bidang Perindustrian.",
                   "Pasal 1")
    answer = eager(ask("Siapa yang dimaksud dengan Setiap Orang?"), [Passage(chunk, 1.0)])
    assert answer.found and "perseorangan atau korporasi" in answer.text


def test_a_definition_of_the_term_asked_need_not_repeat_the_scene_the_question_sets(eager):
    chunk = _chunk("Huruf g Yang dimaksud dengan ”memprioritaskan” adalah untuk memberdayakan "
                   "Usaha Kecil dan Menengah.", "Penjelasan Pasal 13", "UU 20/2008", year=2008)
    asked = ("Pasal 13 menyebut pengadaan barang Pemerintah. Apa yang dimaksud dengan "
             "\"memprioritaskan\" menurut penjelasannya?")

    # the documents know the words asked about
    knowing = Reader(eager.idf, lambda stem: True, eager.vectors, eager.embed_query,
                     eager.weights)

    def answer(text, passage=chunk):
        return knowing(analyze(text, known=lambda stem: True), [Passage(passage, 1.0)])
    defined = answer(asked)
    assert defined.found and "memberdayakan" in defined.text
    # a number the question gives still says where the definition must stand
    assert not answer(asked.replace("Pasal 13", "Pasal 31")).found
    # a question asking no meaning keeps its names: who first coined a term is not told by its
    # definition, though this one names an actor
    acting = replace(chunk, text="Huruf g Yang dimaksud dengan ”memprioritaskan” adalah Menteri "
                                 "mendahulukan Usaha Kecil.")
    assert not answer("Siapa yang pertama kali mencetuskan istilah memprioritaskan?", acting).found


def test_an_abbreviation_no_sentence_defines_is_answered_by_the_one_spelling_it_out(eager):
    chunk = _chunk("Pihak OVOP sudah melakukan penguatan kelembagaan dan promosi pemasaran. "
                   "Strategi klaster ini juga dibarengi dengan pengembangan One Village One "
                   "Product (OVOP).", title="Artikel", kind="article", year=2019)
    question = analyze("Apa itu OVOP?", acronyms={"OVOP": "one village one product"},
                       known=lambda stem: True)
    spans = list(candidate_spans([Passage(chunk, 1.0)]))
    assert [s.quote[:8] for s in definitions_first(question, spans)] == ["Strategi"]
    answer = eager(question, [Passage(chunk, 1.0)])
    assert answer.found and "One Village One Product" in answer.text


def test_a_measure_the_question_spells_out_is_said_by_its_abbreviation(eager):
    chunk = _chunk("Sebagian besar IPM di Wilayah Papua tergolong sedang (Provinsi Papua: "
                   "73,83; Provinsi Papua Selatan: 68,86; Nasional: 75,02).",
                   "Wilayah Papua", "RPJMN", kind="plan", year=2025)
    question = analyze("Berapa Indeks Pembangunan Manusia (IPM) Provinsi Papua?",
                       known=lambda stem: True)
    answer = eager(question, [Passage(chunk, 1.0)])
    assert answer.found and "73,83" in answer.text


def test_an_item_the_elucidation_restates_is_explained_by_that_entry(eager):
    body = _chunk("(4) Pengaturan kepemilikan Industri Strategis dilakukan melalui: a. penyertaan "
                  "modal seluruhnya oleh Pemerintah; b. pembentukan usaha patungan antara "
                  "Pemerintah dan swasta; atau c. pembatasan kepemilikan oleh penanam modal asing.",
                  "Pasal 84", "UU Perindustrian", kind="regulation", year=2014)
    elucidation = replace(body, id="penjelasan", location="Penjelasan Pasal 84",
                          text="Ayat (4) Huruf a Cukup jelas. Huruf b Usaha patungan antara "
                               "Pemerintah dan swasta melalui kepemilikan modal mayoritas oleh "
                               "Pemerintah.")
    question = analyze("usaha patungan dalam penguasaan industri strategis itu maksudnya "
                       "bagaimana?", known=lambda stem: True)
    passages = [Passage(body, 1.0), Passage(elucidation, 0.5)]
    spans = list(candidate_spans(passages))
    assert [s.quote[:7] for s in definitions_first(question, spans)] == ["Huruf b"]
    answer = eager(question, passages)
    assert answer.found and "modal mayoritas" in answer.text


def test_a_figure_asked_as_the_most_is_refused_from_a_sentence_stating_the_least(eager):
    sentra = Passage(make_chunk(
        "8. Sentra IKM adalah sekelompok IKM dalam satu lokasi yang terdiri dari paling "
        "sedikit 5 (lima) unit usaha yang menghasilkan produk sejenis.",
        title="PP 29/2018", label="PP", year=2018, location="Pasal 1"), 1.0)
    least = eager(ask("Berapa jumlah minimal unit usaha dalam satu Sentra IKM?"), [sentra])
    assert least.found and "5 (lima)" in least.text
    most = eager(ask("Berapa jumlah maksimal unit usaha dalam satu Sentra IKM?"), [sentra])
    assert not most.found


def test_a_figure_asked_in_one_unit_is_refused_from_a_figure_in_another(eager):
    seaweed = Passage(make_chunk(
        "NTT memiliki produksi rumput laut tertinggi ke-2 nasional (1,56 juta ton pada tahun "
        "2023) yang telah mampu menembus pasar internasional.", source="rpjmn.md",
        title="RPJMN 2025-2029", label="RPJMN", kind="plan", year=2025,
        location="Wilayah Nusa Tenggara"), 1.0)
    tonnes = eager(ask("Berapa produksi rumput laut NTT tahun 2023 dalam ton?"), [seaweed])
    assert tonnes.found and "1,56 juta ton" in tonnes.text
    dollars = eager(ask("Berapa produksi rumput laut NTT tahun 2023 dalam dolar AS?"), [seaweed])
    assert not dollars.found


def _ask_subquestions(text):
    question = ask(text)
    return resolve_subquestions(question, read_subquestions(question, lambda piece: analyze(
        piece, acronyms={"KEK": "kawasan ekonomi khusus"}, known=KNOWN.known)))


def test_each_subquestion_of_a_question_asking_two_things_gets_its_span(reader):
    # sure of every span it may quote (hashed vectors give the refusal model little to go by)
    sure = Reader(reader.idf, reader.known, reader.vectors, reader.embed_query,
                  replace(load_weights(), intercept=20.0))
    text = "Berapa luas KEK Bitung? Berapa persen penyerapan tenaga kerja IKM?"
    assert not sure(ask(text), _passages("kek", "ikm")).found  # no one passage holds both
    answer = sure(_ask_subquestions(text), _passages("kek", "ikm"))
    assert "534 ha" in answer.text and "65,4 persen" in answer.text
    assert [c.source for c in answer.citations] == ["kek.md", "ikm.md"]
    # when one subquestion has no answer, neither has the whole
    assert not sure(_ask_subquestions("Berapa luas KEK Bitung? terus siapa pemenang Piala Dunia "
                                      "2018?"), _passages("kek", "ikm")).found
    # a span that answers the whole answers its subquestions too: nothing is added
    both = sure(_ask_subquestions("Berapa luas KEK Bitung, dan di kecamatan mana letaknya?"),
                _passages("kek", "ikm"))
    assert "Matuari" in both.text and [c.source for c in both.citations] == ["kek.md"]


def test_the_documents_own_year_needs_no_saying(eager):
    # "the 2019 article": the year is the document's, which its text need not repeat
    answer = eager(ask("Menurut dokumen tahun 2014, berapa luas KEK Bitung?"), _passages("kek"))
    assert answer.found and "534" in answer.text
    assert not eager(ask("Menurut dokumen tahun 2019, berapa luas KEK Bitung?"),
                     _passages("kek")).found
