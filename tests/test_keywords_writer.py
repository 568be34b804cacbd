"""The keyword writer: what it holds before and after a flush, replacement, removal, clearing."""

import pytest
from builders import make_chunk

from assistant.keywords import KeywordIndex, KeywordWriter, signature
from assistant.lexical import tokenize


def _chunks(source: str, *texts: str):
    return [make_chunk(t, source=source, order=n) for n, t in enumerate(texts)]


def test_pending_files_are_held_and_published_by_flush(tmp_path):
    index = KeywordIndex(tmp_path)
    writer = index.writer()
    chunks = _chunks("a.md", "Kawasan Bitung seluas 534 ha.", "Kawasan Palu di Sulawesi Tengah.")
    writer.add("/c/a.md", {"source": "a.md", "title": "PP Contoh"}, chunks)
    assert writer.holds("/c/a.md", signature(c.id for c in chunks))
    assert writer.files() == {"/c/a.md": signature(c.id for c in chunks)}
    assert len(index) == 0 and writer.tokenised == 2  # nothing visible before the flush
    writer.flush()
    assert len(index) == 2 and index.facts()[0]["title"] == "PP Contoh"
    assert index.facts()[0]["capitals"]["bitung"] == [1, 0]  # how the file writes its words
    assert [i for i, _ in index.search(tokenize("Bitung"), 3)] == ["a.md-0"]


def test_a_new_version_replaces_the_old_and_removal_forgets_it(tmp_path):
    index = KeywordIndex(tmp_path)
    writer = index.writer()
    writer.add("/c/a.md", {"source": "a.md"}, _chunks("a.md", "Kawasan Bitung seluas 534 ha."))
    writer.flush()
    newer = _chunks("b.md", "Kawasan Palu seluas 1.500 ha.")
    writer.add("/c/a.md", {"source": "a.md"}, newer)
    writer.flush()
    assert index.search(tokenize("Bitung"), 3) == [] and len(index) == 1
    writer.remove("/c/a.md")
    writer.flush()
    assert len(index) == 0 and writer.files() == {}


def test_clear_empties_the_index_and_rows_must_be_positive(tmp_path):
    index = KeywordIndex(tmp_path)
    writer = index.writer()
    writer.add("/c/a.md", {"source": "a.md"}, _chunks("a.md", "Kawasan Bitung seluas 534 ha."))
    writer.flush()
    writer.clear()
    assert len(index) == 0 and writer.files() == {}
    with pytest.raises(ValueError, match="segment_rows must be at least 1"):
        KeywordWriter(index, segment_rows=0)
