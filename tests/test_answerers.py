"""The answerer factory: the setting names the backend; an unusable one says what to set."""

import pytest

from assistant.answerers import ConfigError, Extractive, Generated, make_answerer
from assistant.answering import analyze
from assistant.chain import Evidence
from assistant.config import load_settings
from assistant.documents import Answer


def test_extractive_passes_the_readers_answer_through(tmp_path):
    answerer = make_answerer(load_settings(index=tmp_path))
    assert isinstance(answerer, Extractive)
    refused = Answer("Tidak ditemukan dalam dokumen.", False, "id")
    pieces = list(answerer.stream(Evidence(analyze("Berapa luas KEK Bitung?"), [], refused)))
    assert pieces == [refused]  # no text pieces, only the answer


def test_openai_backend_needs_a_server_address(tmp_path):
    settings = load_settings(index=tmp_path, llm="openai", llm_base_url="http://127.0.0.1:9/v1",
                             llm_model="tiny")
    assert isinstance(make_answerer(settings), Generated)
    with pytest.raises(ConfigError):
        make_answerer(load_settings(index=tmp_path, llm="openai"))


def test_an_unknown_backend_is_refused_by_the_settings(tmp_path):
    with pytest.raises(ValueError, match="extractive"):
        load_settings(index=tmp_path, llm="gpt-9")
