"""Table answers on hand-made passages: the header and the rows that answer, each figure of a
comparison with its own citation (hash embedder, no model)."""

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from test_tables import CSV, HEADER, MARKDOWN, _load

from assistant.answering import Reader, analyze
from assistant.answering.figures import Figure
from assistant.answering.scorer import load_weights
from assistant.answering.vectors import SentenceVectors
from assistant.chunking import chunk_document
from assistant.documents import Chunk, Passage
from assistant.embeddings import HashEmbedder
from assistant.keywords import KeywordIndex


def _chunks(tmp_path):
    table = chunk_document(_load(tmp_path, "rencana.md", MARKDOWN))
    csv_rows = chunk_document(_load(tmp_path, "ikm_provinsi.csv", CSV))
    return table + csv_rows


def _reader(chunks: list[Chunk]) -> tuple[Reader, KeywordIndex]:
    """A reader over a keyword index of ``chunks``. The hash embedder's similarities mean
    nothing, so the refusal model is not asked: these tests are about which rows and figures an
    answer quotes (the real model is in test_tables_index)."""
    index = KeywordIndex(Path(tempfile.mkdtemp(prefix="klaster-keywords-")))
    writer = index.writer()
    for chunk in chunks:
        writer.add(chunk.source, {"source": chunk.source}, [chunk])
    writer.flush()
    embedder = HashEmbedder()
    return Reader(index.idf, index.known, SentenceVectors(embedder), embedder.embed_query,
                  replace(load_weights(), threshold=0.0)), index


@pytest.fixture
def reader_and_chunks(tmp_path):
    chunks = _chunks(tmp_path)
    reader, index = _reader(chunks)
    return reader, index, chunks


def _passages(chunks: list[Chunk]) -> list[Passage]:
    return [Passage(chunk=c, score=1.0 / (i + 1)) for i, c in enumerate(chunks)]


def test_table_answer_quotes_only_the_rows_that_answer_with_the_header(reader_and_chunks):
    reader, index, chunks = reader_and_chunks
    tables = [c for c in chunks if c.source == "rencana.md" and HEADER in c.text]
    question = analyze("Fasilitas apa saja untuk IKM?", known=index.known)
    answer = reader(question, _passages(tables))
    assert answer.found
    lines = [line for line in answer.text.split("\n") if line.startswith("|")]
    assert lines[0] == HEADER[:-1] + "| |"
    body = lines[2:]
    assert {line.split(" | ")[1] for line in body} == {
        "Fasilitas mesin dan peralatan untuk IKM", "Fasilitasi akses pembiayaan untuk IKM"}
    assert all(line.endswith("| [1] |") for line in body)
    assert answer.citations[0].quote.startswith(HEADER)


def test_comparison_cites_each_row_and_gives_its_figures(reader_and_chunks):
    reader, index, chunks = reader_and_chunks
    rows = [c for c in chunks if c.source == "ikm_provinsi.csv"]
    question = analyze("Provinsi mana yang jumlah IKM tertinggi?", known=index.known)
    answer = reader(question, _passages(rows))
    assert answer.found and len(answer.citations) == 4
    assert {c.location for c in answer.citations} == {f"row {n}" for n in range(2, 6)}
    assert sorted(answer.figures, key=lambda f: f.value) == sorted([
        Figure("Papua", 1250.0, "Jumlah IKM", _n(answer, "Papua")),
        Figure("Maluku", 2480.0, "Jumlah IKM", _n(answer, "Maluku")),
        Figure("Sulawesi Utara", 3975.0, "Jumlah IKM", _n(answer, "Sulawesi Utara")),
        Figure("Nusa Tenggara Timur", 4120.0, "Jumlah IKM", _n(answer, "Nusa Tenggara Timur")),
    ], key=lambda f: f.value)
    assert answer.to_dict()["figures"][0]["n"] >= 1


def _n(answer, name):
    return next(c.n for c in answer.citations if f"| {name} |" in c.quote)


def test_prose_comparison_cites_each_named_figure(tmp_path):
    texts = {
        "bitung": "Kawasan Ekonomi Khusus Bitung memiliki luas 534 ha yang terletak di Kota Bitung.",
        "sorong": "Kawasan Ekonomi Khusus Sorong memiliki luas 523,7 ha yang terletak di Kabupaten "
                  "Sorong.",
        "lain": "Kawasan Ekonomi Khusus dikelola oleh badan usaha yang ditetapkan pemerintah.",
    }
    chunks = [Chunk(id=k, source=f"{k}.md", title="PP KEK", label="PP KEK", kind="regulation",
                    year=2014, location=f"KEK {k.title()}", text=t, order=0)
              for k, t in texts.items()]
    reader, index = _reader(chunks)
    question = analyze("Bandingkan luas KEK Bitung dan KEK Sorong",
                       acronyms={"KEK": "kawasan ekonomi khusus"}, known=index.known)
    answer = reader(question, _passages(chunks))
    assert {c.source for c in answer.citations} >= {"bitung.md", "sorong.md"}
    by_label = {f.label: f for f in answer.figures}
    assert by_label["Bitung"].value == 534.0 and by_label["Sorong"].value == 523.7
    assert {f.unit for f in answer.figures} == {"ha"}
    assert answer.citations[by_label["Sorong"].n - 1].source == "sorong.md"
