"""Workshop material, glossaries, follow-up suggestions and feedback on hand-made chunks."""

import pytest
from builders import make_chunk

from assistant.documents import Answer, Chunk, Passage
from assistant.workshop import (
    THEMES,
    build_workshop,
    domain_glossary,
    fact_sentences,
    figures,
    is_term,
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
    assert figures("3. Pemerintah menetapkan kebijakan sesuai Pasal 12 ayat (2).") == []


def test_workshop_outline_terms_and_quiz_are_cited_and_complete():
    shop = build_workshop([Passage(c, 1.0 - i / 10) for i, c in enumerate(CHUNKS[:3])],
                          "klaster industri")
    assert all(i.source >= 1 and i.theme in THEMES for i in shop.outline)
    assert {i.text for i in shop.outline if i.theme == "figures"} == {
        "Kawasan Contoh memiliki luas 534 ha yang terletak di Kecamatan Matuari.",
        "Sebanyak 40 persen IKM berada di luar Jawa."}
    assert {t.answer for t in shop.terms} == {"klaster industri", "sentra ikm"}
    assert all(shop.sources[t.source - 1].text.lower().count(t.answer) for t in shop.terms)
    blanks = {q.answer: q for q in shop.quiz}
    assert "534 ha" in blanks and "luas ____ yang" in blanks["534 ha"].text
    assert blanks["Klaster industri"].text.startswith("____ adalah kelompok")
    markdown = to_markdown(shop)
    assert "# Lokakarya: klaster industri" in markdown and "### Angka" in markdown
    assert "- Kawasan Contoh memiliki luas 534 ha yang terletak di Kecamatan Matuari. [" in markdown
    assert "## Workshop" not in markdown and "### Figures" in to_markdown(shop, "en")


def test_workshop_docx_holds_the_same_material(tmp_path):
    from docx import Document

    shop = build_workshop([Passage(c, 1.0) for c in CHUNKS[:3]], "IKM")
    path = to_docx(shop, tmp_path / "lokakarya.docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Lokakarya: IKM" in text and "534 ha" in text and "sentra ikm" in text


def test_domain_glossary_keeps_noun_phrases_only():
    terms = domain_glossary(CHUNKS + [
        _chunk(4, "NTT, yaitu Kota Kupang (BPS, 2023).", "Isu"),
        _chunk(5, "Kondisi ini disebabkan diantaranya adalah masih tingginya proporsi desa "
                  "dengan akses yang sulit.", "Isu"),
        _chunk(6, "Membangun komitmen adalah tekad untuk mewujudkan industri yang hijau.", "Isu"),
        _chunk(7, "Bidang tndustri adalah bentuk hubungan kerja sama lintas batas negara.", "Isu")],
        common=lambda w: w != "tndustri")
    assert list(terms)[:2] == ["klaster industri", "sentra ikm"]
    assert not {"ntt", "kondisi ini disebabkan diantaranya", "membangun komitmen",
                "bidang tndustri", "secara singkat klaster industri"} & set(terms)
    chunk, sentence = terms["sentra ikm"]
    assert chunk.location == "Pasal 3" and sentence.startswith("Sentra IKM adalah")
    assert is_term("industri kecil dan menengah") and not is_term("semua peraturan yang")


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


TOPICS = ("tahapan pengembangan klaster industri", "strategi pembangunan kawasan Indonesia Timur",
          "dukungan pemerintah untuk IKM")


@pytest.mark.slow
@pytest.mark.parametrize("topic", TOPICS)
def test_trainer_material_from_the_corpus_is_complete_cited_and_clean(real_assistant, topic,
                                                                      tmp_path):
    import re

    from docx import Document

    from assistant.answering.patterns import is_boilerplate

    shop = real_assistant.workshop(topic)
    assert shop.outline and len({c.source for c in shop.sources}) >= 3
    chunks = real_assistant.retriever.chunks.values()
    for item in shop.outline:
        cited = shop.sources[item.source - 1]  # chunks of one place share a number
        body = re.sub(r"\s+", " ", " ".join(c.text for c in chunks if (c.source, c.location)
                                           == (cited.source, cited.location)))
        at = body.find(item.text[:-1])
        assert at >= 0, (item.text, cited.header)  # verbatim from its source …
        after = body[at + len(item.text) - 1: at + len(item.text)]
        assert not after.isalnum(), item.text  # … and never cut inside a word
        assert item.text[-1] in ".!?" and not is_boilerplate(item.text)
    assert len(shop.terms) >= 5
    for item in shop.terms + shop.quiz:
        assert 1 <= item.source <= len(shop.sources)
    for q in shop.quiz:
        assert "____" in q.text and q.answer.strip()
        assert not re.fullmatch(r"\(?\d{1,2}[.)]?", q.answer.strip()), q.answer  # no list number
        assert re.fullmatch(r"[^\W\d_][\w\s-]*", q.answer) or figures(q.answer) == [
            (0, len(q.answer))], q.answer
    markdown = to_markdown(shop)
    assert "PASAL DEMI PASAL" not in markdown and "LEMBARAN NEGARA" not in markdown.upper()
    points = [line for line in markdown.splitlines() if line.startswith("- ")]
    assert points and all(re.search(r"\[\d+\]$", line) for line in points)
    docx = "\n".join(p.text for p in Document(str(to_docx(shop, tmp_path / "w.docx"))).paragraphs)
    assert all(i.text in docx for i in shop.outline) and all(t.answer in docx for t in shop.terms)


@pytest.mark.slow
def test_corpus_glossary_has_no_fragments_names_or_misreadings(real_assistant):
    terms = real_assistant.terms()
    noise = {"ntt", "kondisi ini disebabkan diantaranya", "semua peraturan perundang-undangan yang",
             "bidang tndustri", "pemcrintah daerah", "sertifrkasi industri hijau",
             "membangun komitmen", "memprakarsai"}
    assert len(terms) >= 50 and not noise & set(terms)
    assert {"klaster industri", "sentra ikm", "usaha mikro", "bahan baku"} <= set(terms)
