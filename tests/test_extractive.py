"""The extractive answerer on hand-made passages (no model, no store)."""

import tempfile
from pathlib import Path

from assistant.documents import Chunk, Passage
from assistant.extractive import ExtractiveAnswerer, unsupported_numbers
from assistant.followup import resolve_followup
from assistant.keywords import KeywordIndex
from assistant.question import analyze

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
}


def _passages(*keys):
    out = []
    for rank, key in enumerate(keys):
        location, text = TEXTS[key]
        chunk = Chunk(id=key, source=f"{key}.md", title=f"Dokumen {key}", label=f"DOK {key}",
                      kind="regulation", year=2014, location=location, text=text, order=0)
        out.append(Passage(chunk=chunk, score=1.0 / (rank + 1)))
    return out


def _answerer():
    index = KeywordIndex(Path(tempfile.mkdtemp(prefix="klaster-keywords-")))
    writer = index.writer()
    for chunk in (p.chunk for p in _passages(*TEXTS)):
        writer.add(chunk.source, {"source": chunk.source}, [chunk])
    writer.flush()
    return ExtractiveAnswerer(index.idf), index.known


def test_quantity_answer_quotes_the_sentence_and_cites_it():
    answerer, known = _answerer()
    answer = answerer(analyze("Berapa luas KEK Bitung?", acronyms={"KEK": "kawasan ekonomi khusus"},
                              known=known), _passages("kek", "ikm"))
    assert answer.found and "534 ha" in answer.text and "[1]" in answer.text
    assert [c.source for c in answer.citations] == ["kek.md"]
    assert answer.citations[0].location == "Pasal 2"
    assert answer.citations[0].quote in TEXTS["kek"][1]
    assert unsupported_numbers(answer) == []


def test_english_question_is_answered_from_indonesian_text():
    answerer, known = _answerer()
    answer = answerer(analyze("How many workers did IKM employ in 2013?", known=known),
                      _passages("ikm", "kek"))
    assert answer.found and answer.language == "en" and "9,7" in answer.text
    assert answer.text.startswith("According to the documents")


def test_missing_name_means_not_found():
    answerer, known = _answerer()
    for question in ("Berapa luas KEK Mandalika?", "Siapa pemenang Piala Dunia 2018?",
                     "What is the capital of France?", "Bagaimana cara memasak rendang?"):
        answer = answerer(analyze(question, known=known), _passages("kek", "ikm", "def"))
        assert not answer.found, question
        assert answer.citations == [] and answer.passages  # related passages still offered


def test_not_found_text_is_in_the_question_language():
    answerer, known = _answerer()
    id_answer = answerer(analyze("Siapa pemenang Piala Dunia 2018?", known=known), _passages("kek"))
    en_answer = answerer(analyze("What is the capital of France?", known=known), _passages("kek"))
    assert id_answer.text.startswith("Tidak ditemukan dalam dokumen")
    assert en_answer.text.startswith("Not found in the documents")


def test_quantity_question_needs_a_number():
    answerer, known = _answerer()
    answer = answerer(analyze("Berapa jumlah industri inti dalam klaster industri?", known=known),
                      _passages("def"))
    assert not answer.found


def test_definition_and_followup():
    answerer, known = _answerer()
    definition = answerer(analyze("Apa yang dimaksud dengan klaster industri?", known=known),
                          _passages("def", "kek"))
    assert definition.found and "industri pemasok" in definition.text
    first = analyze("Apa itu KEK Bitung?", known=known)
    follow = resolve_followup(analyze("Berapa luasnya?", known=known), first)
    answer = answerer(follow, _passages("ikm", "kek"))
    assert answer.found and "534" in answer.text and "9,7" not in answer.text


def test_who_needs_an_actor_the_question_did_not_name():
    from assistant.extractive import _names_someone

    assert _names_someone("Pembangunan kawasan Industri dilakukan oleh badan usaha swasta.",
                          "Siapa yang dapat membangun kawasan industri?")
    assert not _names_someone("Menteri adalah menteri yang menyelenggarakan urusan Perindustrian.",
                              "Who is the Minister of Industry?")
