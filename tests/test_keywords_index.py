"""The persisted keyword index: real bm25s segments on disk, real Chroma, the hashing embedder."""

import pytest
from builders import make_chunk, write_regulation

import assistant.keywords.writer as keywords_module
from assistant.embeddings import HashEmbedder
from assistant.ingest import ingest
from assistant.keywords import KeywordIndex
from assistant.lexical import tokenize
from assistant.store import ChromaStore

TEXTS = {
    "a": "Kawasan Ekonomi Khusus Bitung memiliki luas 534 ha di Kecamatan Matuari.",
    "b": "Industri kecil dan menengah menyerap tenaga kerja di kawasan.",
    "c": "Rencana induk disusun untuk jangka waktu 20 tahun.",
    "d": "Kawasan industri adalah kawasan tempat pemusatan kegiatan industri.",
    "e": "Tenaga kerja industri kecil tumbuh 9,7 persen di kawasan timur.",
    "f": "Kawasan Bitung dan kawasan Palu adalah kawasan ekonomi khusus di timur.",
}


def _chunk(chunk_id: str, source: str, order: int = 0):
    return make_chunk(TEXTS[chunk_id], source=source, order=order, chunk_id=chunk_id)


def _index(folder, groups, segment_rows=1000) -> KeywordIndex:
    index = KeywordIndex(folder)
    writer = index.writer(segment_rows)
    for source, ids in groups.items():
        chunks = [_chunk(i, source, n) for n, i in enumerate(ids)]
        writer.add(source, {"source": source}, chunks)
    writer.flush()
    return index


def test_bm25_ranks_the_matching_chunk_first(tmp_path):
    index = _index(tmp_path, {"x.md": ["a", "b", "c"]})
    ranked = index.search(tokenize("berapa luas kawasan Bitung"), k=3)
    assert ranked[0][0] == "a" and [i for i, _ in ranked] == ["a", "b"]
    assert index.search(tokenize("luas"), k=3, sources=["y.md"]) == []
    assert index.known("bitung") and not index.known("mandalika")
    assert index.idf("mandalika") > index.idf("kawasan")


def test_segments_score_as_one_index(tmp_path):
    groups = {"x.md": ["a", "b"], "y.md": ["c", "d"], "z.md": ["e", "f"]}
    one = _index(tmp_path / "one", groups)
    many = _index(tmp_path / "many", groups, segment_rows=1)
    assert len(one.view().segments) == 1 and len(many.view().segments) == 3
    for question in ("kawasan industri kecil", "tenaga kerja kawasan timur", "luas Bitung"):
        terms = tokenize(question)
        expected = one.search(terms, k=6)
        got = many.search(terms, k=6)
        assert [i for i, _ in got] == [i for i, _ in expected], question
        assert [s for _, s in got] == pytest.approx([s for _, s in expected], rel=1e-6)
    assert many.idf("kawasan") == pytest.approx(one.idf("kawasan"))


def test_filters_apply_before_ranking(tmp_path):
    index = _index(tmp_path, {"x.md": ["a", "f", "d"], "y.md": ["b", "e"]})
    terms = tokenize("kawasan")
    assert {i for i, _ in index.search(terms, k=2)} == {"f", "d"}  # both from x.md
    # filtering the top 2 afterwards would leave nothing; filtering first finds y.md's two
    assert {i for i, _ in index.search(terms, k=2, sources=["y.md"])} == {"b", "e"}
    assert index.defining("kawasan industri") == ["d"]
    assert index.defining("kawasan industri", sources=["y.md"]) == []


def test_a_second_reader_sees_what_a_writer_published(tmp_path):
    writer_side = _index(tmp_path, {"x.md": ["a"]})
    reader = KeywordIndex(tmp_path)
    assert [i for i, _ in reader.search(tokenize("rencana induk"), 5)] == []
    before = reader.generation
    writer = writer_side.writer()
    writer.add("y.md", {"source": "y.md"}, [_chunk("c", "y.md")])
    writer.flush()
    assert [i for i, _ in reader.search(tokenize("rencana induk"), 5)] == ["c"]
    assert reader.generation != before
    writer.remove("x.md")
    writer.flush()
    assert reader.search(tokenize("Bitung"), 5) == [] and len(reader) == 1


@pytest.fixture
def corpus_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(6):
        write_regulation(corpus, f"f{number}.md", range(10 * number, 10 * number + 6))
    index = tmp_path / "index"
    store = ChromaStore(index)
    first = ingest([corpus], store, HashEmbedder(), index, size=200, max_chars=300,
                   progress=False)
    assert first.chunks_tokenised == first.chunks_embedded > 0
    return corpus, index, store


def test_adding_one_file_tokenises_only_that_file(corpus_index, monkeypatch):
    corpus, index, store = corpus_index
    keywords = KeywordIndex(index / "keywords")
    stored = len(keywords)
    assert stored == store.count()
    calls = []
    monkeypatch.setattr(keywords_module, "tokenize", lambda text: calls.append(text)
                        or tokenize(text))
    write_regulation(corpus, "baru.md", [900, 901])
    report = ingest([corpus], store, HashEmbedder(), index, size=200, max_chars=300,
                    progress=False)
    assert report.added == ["baru.md"] and len(report.unchanged) == 6
    new_chunks = report.chunks_embedded
    assert 0 < new_chunks < stored
    assert report.chunks_tokenised == len(calls) == new_chunks  # not the whole store again
    assert all("Contoh 90" in text for text in calls)
    assert len(keywords) == stored + new_chunks == store.count()
    hit = keywords.search(tokenize("Kecamatan Contoh 901"), 1)[0][0]
    assert store.get([hit])[0].source == "baru.md"

    calls.clear()
    write_regulation(corpus, "f2.md", [20, 21, 777])  # a changed file: only it is tokenised again
    report = ingest([corpus], store, HashEmbedder(), index, size=200, max_chars=300,
                    progress=False)
    assert report.updated == ["f2.md"] and len(calls) == report.chunks_tokenised <= 3
    assert keywords.search(["24"], 5) == [] and keywords.search(["777"], 5)  # old gone, new in
    assert len(keywords) == store.count()

    (corpus / "f3.md").unlink()
    calls.clear()
    report = ingest([corpus], store, HashEmbedder(), index, size=200, max_chars=300,
                    progress=False)
    assert report.removed == ["f3.md"] and calls == []
    assert len(keywords) == store.count()


def test_an_index_without_keywords_is_caught_up_from_the_store(corpus_index):
    import shutil

    from assistant.config import load_settings
    from assistant.service import Assistant

    corpus, index, store = corpus_index
    shutil.rmtree(index / "keywords")  # as an index built before the keyword index existed
    assistant = Assistant(load_settings(index=index, corpus=corpus), embedder=HashEmbedder(),
                          store=store)
    passages = assistant.retriever.retrieve("Kecamatan Contoh 33", "id", k=3)
    assert len(assistant.retriever.keywords) == store.count()
    assert passages[0].chunk.source == "f3.md" and passages[0].lexical_rank == 1


def test_an_index_of_an_older_keyword_format_is_rebuilt_with_word_casing(corpus_index):
    import json

    from assistant.config import load_settings
    from assistant.service import Assistant

    corpus, index, store = corpus_index
    state_file = index / "keywords" / "state.json"
    state = json.loads(state_file.read_text())
    state["format"] = "3"  # written before files recorded how they write their words
    state_file.write_text(json.dumps(state))
    assistant = Assistant(load_settings(index=index, corpus=corpus), embedder=HashEmbedder(),
                          store=store)
    assert assistant.retriever.retrieve("Kecamatan Contoh 33", "id", k=3)
    facts = assistant.retriever.keywords.facts()
    assert len(facts) == 6 and all("capitals" in f for f in facts)
    assert json.loads(state_file.read_text())["format"] != "3"


class _StopsAtFile(HashEmbedder):
    """Fails when asked to embed a given file's text, like a process killed mid-ingest."""

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker

    def embed_documents(self, texts):
        if any(self.marker in t for t in texts):
            raise RuntimeError("killed")
        return super().embed_documents(texts)


def test_a_stopped_ingest_is_finished_with_its_keywords(corpus_index):
    corpus, index, store = corpus_index
    write_regulation(corpus, "f1.md", [10, 11, 501])
    write_regulation(corpus, "f4.md", [40, 41, 504])
    with pytest.raises(RuntimeError, match="killed"):
        ingest([corpus], store, _StopsAtFile("Contoh 504"), index, size=200, max_chars=300,
               progress=False)
    report = ingest([corpus], store, HashEmbedder(), index, size=200, max_chars=300,
                    progress=False)
    assert "f4.md" in report.updated and not report.failed
    keywords = KeywordIndex(index / "keywords")
    assert len(keywords) == store.count()
    for number, source in (("501", "f1.md"), ("504", "f4.md")):
        hit = keywords.search([number], 1)[0][0]
        assert store.get([hit])[0].source == source


def test_filters_reach_both_searches(corpus_index):
    from assistant.config import load_settings
    from assistant.service import Assistant

    corpus, index, store = corpus_index
    assistant = Assistant(load_settings(index=index, corpus=corpus), embedder=HashEmbedder(),
                          store=store)
    sources = assistant.sources_matching(["f5.md", "f0.md"], [], ["2020"])
    assert sorted(sources) == ["f0.md", "f5.md"]
    passages = assistant.retriever.retrieve("Kecamatan Contoh 33 luas", "id", k=8,
                                            sources=["f5.md"])
    # f3.md holds the best match; filtering afterwards would leave few, filtering first fills k
    assert len(passages) == 6 and {p.chunk.source for p in passages} == {"f5.md"}
    assert all(p.dense_rank and p.lexical_rank for p in passages)
    assert assistant.sources_matching([], ["regulation"], ["1999"]) == ["(none)"]


def test_definition_lookup_misses_no_defining_chunk_of_the_shared_corpus(shared_corpus):
    from assistant.answering.patterns import defining_chunks, glossary
    from assistant.chunking import chunk_document
    from assistant.keywords.segment import phrase_key, phrase_keys
    from assistant.loaders import load

    chunks = [c for p in sorted(shared_corpus.glob("*.md")) for c in chunk_document(load(p))]
    keys = {c.id: phrase_keys(c.text) for c in chunks}
    terms = [*glossary(chunks), "rantai nilai", "kawasan industri", "klaster industri"]
    checked = 0
    for term in terms:
        defining = defining_chunks(term, chunks, limit=len(chunks))
        assert all(phrase_key(term) in keys[c.id] for c in defining), term
        checked += len(defining)
    assert checked > 100
    candidates = sum(phrase_key("kawasan industri") in k for k in keys.values())
    assert 0 < candidates < len(chunks) / 20  # the lookup narrows the search a great deal
