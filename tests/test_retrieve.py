"""Hybrid retrieval on a temporary real Chroma and keyword index, with the hashing embedder."""

import numpy as np
import pytest

from assistant.embeddings import HashEmbedder
from assistant.ingest import ingest
from assistant.retrieve import HybridRetriever, _names
from assistant.store import ChromaStore

FILES = {
    "pp.md": "# Peraturan Pemerintah Nomor 9 Tahun 2020 tentang Kawasan Contoh\n\n"
             "Pasal 1\nKawasan industri adalah kawasan tempat pemusatan kegiatan industri yang "
             "dilengkapi sarana dan prasarana penunjang.\n\n"
             "Pasal 2\nKawasan Ekonomi Khusus Bitung memiliki luas 534 ha yang terletak di "
             "Kecamatan Matuari.\n\n"
             "Pasal 3\nPemerintah daerah memberikan insentif fiskal kepada pelaku usaha.\n",
    "ripin.md": "# Rencana Induk Pembangunan Industri Nasional (RIPIN) 2015-2035\n\n"
                "## Sasaran\n\nTenaga kerja industri kecil tumbuh 9,7 persen setiap tahun di "
                "kawasan timur.\n\n## Wilayah\n\nWilayah pengembangan industri tersebar di "
                "seluruh provinsi.\n",
    "wppi.md": "# Rencana Wilayah\n\n" + "Kalimat pembuka tentang wilayah industri nasional. " * 4
               + "\nWPPI disusun berdasarkan kriteria sebagai berikut:\na. potensi sumber daya "
               "alam;\nb. ketersediaan infrastruktur transportasi;\nc. kebijakan afirmatif ke luar "
               "Jawa;\nd. penguatan rantai nilai; dan\ne. pengembangan industri hijau.\n"
               "Bagian berikut membahas kawasan peruntukan industri dengan panjang. " * 5,
    "penjelasan.md": "# Penjelasan Undang-Undang Contoh\n\nPasal 2\nHuruf c\nYang dimaksud "
                     "dengan “kepastian berusaha” adalah iklim usaha kondusif yang konsisten.\n",
    "artikel.md": "# Artikel Klaster Industri\n\nKlaster industri di Palu menyerap tenaga kerja "
                  "dari desa sekitar dan menumbuhkan usaha kecil.\n",
}


@pytest.fixture(scope="module")
def retriever(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for name, text in FILES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    index = tmp_path_factory.mktemp("index")
    store = ChromaStore(index)
    ingest([corpus], store, HashEmbedder(), index, size=200, max_chars=300, progress=False)
    return HybridRetriever(store, HashEmbedder(), candidates=10)


def test_the_passage_sharing_the_question_words_ranks_first_with_both_ranks(retriever):
    passages = retriever.retrieve("Berapa luas Kawasan Ekonomi Khusus Bitung?", "id", k=3)
    best = passages[0]
    assert best.chunk.source == "pp.md" and "534 ha" in best.chunk.text
    assert best.dense_rank is not None and best.lexical_rank == 1
    assert best.similarity is not None and -1.0 <= best.similarity <= 1.0
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True) and len(passages) == 3


def test_a_source_filter_applies_to_both_searches(retriever):
    passages = retriever.retrieve("tenaga kerja industri kecil", "id", k=5, sources=["artikel.md"])
    assert passages and {p.chunk.source for p in passages} == {"artikel.md"}
    unfiltered = retriever.retrieve("tenaga kerja industri kecil", "id", k=5)
    assert {p.chunk.source for p in unfiltered} >= {"ripin.md", "artikel.md"}


def test_a_definition_question_brings_the_defining_chunk_first(retriever):
    passages = retriever.retrieve("Apa yang dimaksud dengan kawasan industri?", "id", k=2,
                                  subject="kawasan industri")
    assert "Kawasan industri adalah" in passages[0].chunk.text
    assert [c.source for c in retriever.defining("kawasan industri")] == ["pp.md"]


def test_english_questions_reach_indonesian_chunks(retriever):
    passages = retriever.retrieve("How many workers in small industry?", "en", k=3)
    assert any("Tenaga kerja" in p.chunk.text for p in passages)


def test_documents_are_found_by_the_label_or_acronym_a_question_names(retriever):
    assert retriever.sources_named(["PP 9/2020"]) == ["pp.md"]
    assert retriever.sources_named(["RIPIN"]) == ["ripin.md"]
    assert retriever.sources_named(["UU 3/2014"]) == []


def test_candidates_must_be_positive(retriever):
    with pytest.raises(ValueError, match="candidates must be at least 1"):
        HybridRetriever(retriever.store, HashEmbedder(), candidates=0)


def test_a_document_name_fits_a_file_by_label_acronym_and_numbers_or_subject():
    ripin = ("Peraturan Pemerintah Nomor 14 Tahun 2015 tentang Rencana Induk Pembangunan "
             "Industri Nasional (RIPIN) Tahun 2015-2035")
    rpjmn = "RPJMN 2025-2029 (Lampiran Perpres No. 12 Tahun 2025), Bab IV"
    law = "Undang-Undang Nomor 3 Tahun 2014 tentang Perindustrian"
    assert _names("PP 14/2015", "PP 14/2015", ripin) and _names("RIPIN 2015-2035", "PP 14/2015", ripin)
    assert _names("RPJMN 2025-2029", "RPJMN 2025-2029", rpjmn)
    assert not _names("RPJMN 2020-2024", "RPJMN 2025-2029", rpjmn)  # another plan period
    assert _names("UU tentang perindustrian", "UU 3/2014", law)
    assert not _names("PP tentang perindustrian", "UU 3/2014", law)  # wrong kind
    assert not _names("UU tentang yang", "UU 3/2014", law)
    assert _names("kompasiana", "Dampak Daya Saing", "Dampak Daya Saing Klaster",
                  "artikel_kompasiana_2019_daya_saing.md")  # a word of the file name
    assert not _names("gorontalo", "Dampak Daya Saing", "Dampak Daya Saing Klaster",
                      "artikel_kompasiana_2019_daya_saing.md")
    # by the initials of its subject: "UU UMKM"
    umkm = "Undang-Undang Nomor 20 Tahun 2008 tentang Usaha Mikro, Kecil, dan Menengah"
    assert _names("UU tentang umkm", "UU 20/2008", umkm)
    assert not _names("UU tentang umkm", "UU 3/2014", law)
    assert not _names("UU tentang um", "UU 20/2008", umkm)  # too short to be initials


def test_a_list_cut_by_the_chunk_end_is_completed_from_the_next_chunk(retriever):
    passages = retriever.retrieve("kriteria WPPI disusun", "id", k=8)
    cut = [p.chunk for p in passages if "WPPI disusun" in p.chunk.text]
    assert cut and "e. pengembangan industri hijau." in cut[0].text
    stored = [c for c in retriever.store.all_chunks() if c.id == cut[0].id]
    assert "industri hijau" not in stored[0].text  # the chunk as stored stops inside the list


def test_a_long_list_is_completed_from_every_chunk_it_runs_over(tmp_path):
    items = [f"{letter}. kewenangan penyidik nomor {n} yang diberlakukan secara wajib di bidang "
             f"Industri menurut ketentuan;" for n, letter in enumerate("abcdef", 1)]
    text = "# UU Contoh\n\nPasal 9\nPenyidik berwenang:\n" + "\n".join(items) + \
        "\ng. menghentikan penyidikan apabila tidak terdapat cukup bukti.\nPasal 10\nPenutup."
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "uu.md").write_text(text, encoding="utf-8")
    store = ChromaStore(tmp_path / "index")
    ingest([tmp_path / "corpus"], store, HashEmbedder(), tmp_path / "index", size=200,
           max_chars=300, progress=False)
    stored = [c for c in store.all_chunks() if "Penyidik berwenang" in c.text]
    assert stored and "menghentikan" not in stored[0].text  # the list runs over several chunks
    retriever = HybridRetriever(store, HashEmbedder(), candidates=10)
    passages = retriever.retrieve("penyidik berwenang", "id", k=3)
    whole = [p.chunk.text for p in passages if "Penyidik berwenang" in p.chunk.text]
    assert whole and all(item in whole[0] for item in items)
    assert "g. menghentikan penyidikan" in whole[0] and "Penutup" not in whole[0]


def test_a_definition_is_found_by_the_shorter_name_the_subject_ends_with(retriever):
    def first(subject):
        return retriever.retrieve("asas", "id", k=3, subject=subject)[0].chunk.source

    assert first(["asas kepastian berusaha", "kepastian berusaha"]) == "penjelasan.md"
    assert first("asas kepastian berusaha") != "penjelasan.md"  # no chunk defines the full name


def test_a_small_index_is_searched_exactly_so_answers_do_not_vary_between_processes(
        retriever, monkeypatch):
    # Chroma's approximate index is rebuilt from its log when a process opens the store; on a
    # 600-chunk index the same query got different neighbours from one process to the next
    approximate, read = [], []
    real_query, real_vectors = retriever.store.query, retriever.store.vectors
    monkeypatch.setattr(retriever.store, "query", lambda *args: approximate.append(args) or
                        real_query(*args))
    monkeypatch.setattr(retriever.store, "vectors", lambda ids: read.append(ids) or
                        real_vectors(ids))
    monkeypatch.setattr(retriever, "_vectors", None)
    question = "Berapa luas Kawasan Ekonomi Khusus Bitung?"
    passages = retriever.retrieve(question, "id", k=3)
    retriever.retrieve("tenaga kerja industri kecil", "id", k=5, sources=["artikel.md"])
    assert passages and not approximate  # both searches exact, with or without a filter
    assert len(read) == 1 and sorted(read[0]) == sorted(c.id for c in retriever.store.all_chunks())
    vector = np.asarray(retriever.embedder.embed_query(question))
    ids, matrix = real_vectors(read[0])
    nearest = ids[int(np.argmax(matrix @ vector))]
    assert next(p for p in passages if p.dense_rank == 1).chunk.id == nearest
    monkeypatch.setattr("assistant.retrieve.EXACT_SEARCH_LIMIT", 1)
    retriever.retrieve(question, "id", k=3)
    assert approximate and approximate[-1][-1] is None  # a large index: Chroma's search
