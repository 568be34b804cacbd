"""Workshop material, glossaries, follow-up suggestions and feedback on hand-made chunks."""


from builders import make_chunk

from assistant.documents import Answer, Chunk, Passage
from assistant.workshop import (
    build_workshop,
    domain_glossary,
    fact_sentences,
    suggest,
    to_docx,
    to_markdown,
)


def _chunk(order: int, text: str, location: str = "", source: str = "pp.md") -> Chunk:
    return make_chunk(text, source=source, order=order, location=location)


CHUNKS = [
    _chunk(0, "Klaster industri adalah kelompok industri yang saling terkait di satu wilayah. "
              "Pemerintah mendorong kerja sama antarindustri.", "Pasal 1"),
    _chunk(1, "Kawasan Contoh memiliki luas 534 ha yang terletak di Kecamatan Matuari. "
              "Pembangunan dilaksanakan sesuai Pasal 3 ayat (2).", "Pasal 2"),
    _chunk(2, "Sentra IKM adalah lokasi pemusatan kegiatan industri kecil dan menengah. "
              "Sebanyak 40 persen IKM berada di luar Jawa.", "Pasal 3"),
    _chunk(3, "Secara singkat klaster industri adalah jaringan usaha.", "Penjelasan"),
]


def test_fact_sentences_need_a_real_figure():
    facts = fact_sentences(CHUNKS[1].text)
    assert facts == ["Kawasan Contoh memiliki luas 534 ha yang terletak di Kecamatan Matuari."]
    assert fact_sentences("Diundangkan di Jakarta pada tanggal 21 Mei 2014 oleh menteri.") == []


def test_workshop_outline_facts_terms_and_quiz_are_cited():
    shop = build_workshop([Passage(c, 1.0 - i / 10) for i, c in enumerate(CHUNKS[:3])],
                          "klaster industri")
    assert [c.location for c in shop.sources] == ["Pasal 1", "Pasal 2", "Pasal 3"]
    assert shop.outline[1].startswith("PP 1/2020 · Pasal 2 — Kawasan Contoh memiliki luas 534 ha")
    assert [(f.text[:20], f.source) for f in shop.facts] == [
        ("Kawasan Contoh memil", 2), ("Sebanyak 40 persen I", 3)]
    assert {(t.answer, t.source) for t in shop.terms} == {("klaster industri", 1),
                                                          ("sentra ikm", 3)}
    blanks = [q for q in shop.quiz if q.text.startswith("Lengkapi")]
    assert blanks[0].answer == "534 ha" and "luas ____ yang" in blanks[0].text
    assert blanks[0].source == 2
    defined = [q for q in shop.quiz if q.text.startswith("Apa yang dimaksud")]
    assert defined[0].text == "Apa yang dimaksud dengan klaster industri?"
    assert defined[0].answer.startswith("Klaster industri adalah kelompok")
    markdown = to_markdown(shop)
    assert "# Lokakarya: klaster industri" in markdown
    assert "- Kawasan Contoh memiliki luas 534 ha yang terletak di Kecamatan Matuari. [2]" in markdown
    assert "[3] PP 1/2020 · Pasal 3 — PP Contoh (pp.md)" in markdown


def test_workshop_docx_holds_the_same_material(tmp_path):
    from docx import Document

    shop = build_workshop([Passage(c, 1.0) for c in CHUNKS[:3]], "IKM")
    path = to_docx(shop, tmp_path / "lokakarya.docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Lokakarya: IKM" in text and "534 ha" in text and "sentra ikm" in text


def test_domain_glossary_drops_fragments_and_puts_domain_terms_first():
    terms = domain_glossary(CHUNKS)
    assert list(terms)[:2] == ["klaster industri", "sentra ikm"]
    assert "secara singkat klaster industri" not in terms
    chunk, sentence = terms["sentra ikm"]
    assert chunk.location == "Pasal 3" and sentence.startswith("Sentra IKM adalah")


def test_suggest_uses_neighbouring_passages():
    answer = Answer("Luasnya 534 ha [1].", True, "id", passages=[Passage(CHUNKS[1], 1.0)],
                    query="berapa luas kawasan contoh")
    asks = suggest(answer, {c.id: c for c in CHUNKS})
    assert asks[:2] == ["Apa yang dimaksud dengan klaster industri?",
                        "Apa yang dimaksud dengan sentra ikm?"]
    assert len(asks) == 3 and asks[2] == "Apa yang diatur dalam Pasal 1 PP 1/2020?"
    english = Answer("534 ha [1].", True, "en", passages=[Passage(CHUNKS[1], 1.0)])
    assert suggest(english, {c.id: c for c in CHUNKS}, 1) == [
        "What is meant by klaster industri?"]
