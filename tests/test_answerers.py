"""The answerer factory: the setting names the backend; an unknown one says what to set."""

import pytest

from assistant.answerers import ConfigError, make_answerer
from assistant.answering import Reader
from assistant.answering.vectors import SentenceVectors
from assistant.embeddings import HashEmbedder


def _build(backend: str):
    embedder = HashEmbedder()
    return make_answerer(backend, lambda stem: 1.0, lambda stem: True,
                         SentenceVectors(embedder), embedder.embed_query)


def test_extractive_is_the_reader_and_refuses_without_passages():
    from assistant.answering import analyze

    answerer = _build("extractive")
    assert isinstance(answerer, Reader)
    answer = answerer(analyze("Berapa luas KEK Bitung?"), [], set())
    assert answer.found is False and answer.citations == [] and answer.language == "id"


def test_an_unknown_backend_names_the_setting():
    with pytest.raises(ConfigError, match="KLASTER_LLM=extractive"):
        _build("gpt-9")
