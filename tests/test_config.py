"""Settings: defaults < KLASTER_* environment < explicit overrides, checked at construction."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.config import BUNDLED_MODEL, MODEL_CACHE, load_settings


def test_precedence_defaults_environment_overrides(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.delenv("KLASTER_TOP_K", raising=False)
    monkeypatch.delenv("KLASTER_MODEL_CACHE", raising=False)
    defaults = load_settings()
    assert defaults.top_k == 10 and defaults.index == Path("index")
    assert defaults.embedding_model == BUNDLED_MODEL and defaults.model_cache == MODEL_CACHE
    monkeypatch.setenv("KLASTER_TOP_K", "5")
    assert load_settings().top_k == 5
    assert load_settings(top_k=3).top_k == 3
    assert load_settings(top_k=None).top_k == 5  # None means "not given on the command line"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("top_k", 0, "top_k must be between 1 and 20"),
    ("chunk_size", 50, "chunk_size must be between 200 and 2000"),
])
def test_values_out_of_range_say_what_to_fix(field, value, message):
    with pytest.raises(ValidationError, match=message):
        load_settings(**{field: value})
