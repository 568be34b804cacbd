"""Sentence vectors: encoded once, kept in SQLite beside the index, keyed by the model."""

import numpy as np
from builders import make_chunk

from assistant.answering.vectors import SentenceVectors, unit_text
from assistant.embeddings import HashEmbedder


class _Counting(HashEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.encoded = 0

    def embed_documents(self, texts):
        self.encoded += len(texts)
        return super().embed_documents(texts)


def test_sentences_are_encoded_once_and_read_back_from_disk(tmp_path):
    chunk = make_chunk("Kawasan Bitung seluas 534 ha. Kawasan Palu seluas 1.500 ha.")
    first = _Counting()
    assert SentenceVectors(first, tmp_path).warm([chunk, chunk]) == 2 and first.encoded == 2
    again = _Counting()
    store = SentenceVectors(again, tmp_path)
    text = unit_text(chunk, "Kawasan Palu seluas 1.500 ha.")
    vectors = store.vectors([text, text])
    assert again.encoded == 0 and vectors.shape == (2, 384)  # from SQLite, not the model
    expected = np.asarray(HashEmbedder().embed_documents([text])[0])
    assert np.allclose(vectors[0], expected, atol=1e-3)  # stored as float16


def test_another_model_does_not_reuse_the_stored_vectors(tmp_path):
    chunk = make_chunk("Kawasan Bitung seluas 534 ha.")
    SentenceVectors(HashEmbedder(), tmp_path).warm([chunk])
    other = _Counting()
    other.model_id = "hash-other"
    SentenceVectors(other, tmp_path).warm([chunk])
    assert other.encoded == 1
