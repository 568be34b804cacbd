"""The Chroma store on disk: filtered searches and lookups of many ids."""

import pytest

from assistant.embeddings import HashEmbedder
from assistant.ingest import ingest
from assistant.store import BATCH, ChromaStore


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for number in range(4):
        text = "# Laporan Contoh\n\n" + "".join(
            f"## Bagian {n}\n\nKawasan {n} di Kecamatan Contoh {number} seluas {n}0 ha.\n\n"
            for n in range(number * 10, number * 10 + 8))
        (corpus / f"r{number}.md").write_text(text, encoding="utf-8")
    index = tmp_path_factory.mktemp("index")
    store = ChromaStore(index)
    ingest([corpus], store, HashEmbedder(), index, size=200, max_chars=300, progress=False)
    return store


def test_search_among_ids_ranks_as_chromas_filtered_search(store):
    vector = HashEmbedder().embed_query("Kawasan di Kecamatan Contoh 2 seluas 230 ha")
    chunks = store.all_chunks()
    among = [c.id for c in chunks if c.source in ("r2.md", "r3.md")]
    by_chroma = store.query(vector, len(among), sources=["r2.md", "r3.md"])
    exact = store.query(vector, len(among), among=among)
    # the same chunks with the same similarities, best first (equal ones may swap places)
    assert {c.id for c, _ in exact} == {c.id for c, _ in by_chroma} == set(among)
    assert [s for _, s in exact] == pytest.approx([s for _, s in by_chroma], abs=1e-5)
    assert exact[0][0].id == by_chroma[0][0].id and exact[0][1] > exact[1][1]
    assert store.query(vector, 3, among=among[:2]) == store.query(vector, 2, among=among[:2])


def test_lookups_of_many_ids_are_batched(store):
    # one request for this many ids would be refused by Chroma (about 32k at most)
    stored = [c.id for c in store.all_chunks()]
    asked = [f"missing-{n}" for n in range(7 * BATCH)] + stored
    assert store.existing(asked) == set(stored)
    assert [c.id for c in store.get(asked)] == stored
    assert [c.id for c in store.iter_chunks(batch=7)] == stored



def test_neighbours_are_the_chunks_either_side_in_the_same_file(store):
    chunks = [c for c in store.all_chunks() if c.source == "r1.md"]
    middle = sorted(chunks, key=lambda c: c.order)[1]
    assert sorted(c.order for c in store.neighbours(middle)) == [middle.order - 1,
                                                                 middle.order + 1]
    assert {c.source for c in store.neighbours(middle)} == {"r1.md"}


def test_metadata_comes_back_as_it_was_stored(store):
    chunk = store.all_chunks()[0]
    again = store.get([chunk.id])[0]
    assert again == chunk and again.label and again.location.startswith("Bagian")


def test_a_bad_server_address_is_one_clear_error(tmp_path):
    from assistant.store import StoreError

    with pytest.raises(StoreError, match="must look like http://HOST:PORT"):
        ChromaStore(tmp_path, url="ftp://nowhere").count()


def test_clear_drops_every_chunk(tmp_path):
    from builders import make_chunk

    store = ChromaStore(tmp_path)
    chunks = [make_chunk(f"Kawasan {n} seluas {n}0 ha.", order=n) for n in range(3)]
    store.add(chunks, HashEmbedder().embed_documents([c.text for c in chunks]))
    assert store.count() == 3 and store.existing([chunks[0].id, "other"]) == {chunks[0].id}
    store.delete([chunks[0].id])
    assert store.ids() == {chunks[1].id, chunks[2].id}
    store.clear()
    assert store.count() == 0
