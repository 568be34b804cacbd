"""Ingestion against real Chroma on disk, with the fast hashing embedder."""

import pytest
from builders import write_regulation

from assistant.embeddings import HashEmbedder
from assistant.ingest import IngestError, Manifest, ingest
from assistant.store import ChromaStore


def test_second_run_embeds_nothing_and_never_duplicates(small_index):
    first = small_index.ingest()
    assert sorted(first.added) == ["a.md", "b.md"] and first.chunks_embedded > 0
    count = small_index.store.count()
    second = small_index.ingest()
    assert second.chunks_embedded == 0 and sorted(second.unchanged) == ["a.md", "b.md"]
    assert small_index.store.count() == count


def test_changed_file_replaces_its_chunks(small_index):
    corpus, store = small_index.corpus, small_index.store
    small_index.ingest()
    write_regulation(corpus, "a.md", [1, 2, 9])
    report = small_index.ingest()
    assert report.updated == ["a.md"] and report.unchanged == ["b.md"]
    texts = " ".join(c.text for c in store.all_chunks() if c.source == "a.md")
    assert "Contoh 9" in texts and "Contoh 3" not in texts


def test_deleted_file_loses_its_chunks(small_index):
    corpus, index = small_index.corpus, small_index.index
    small_index.ingest()
    (corpus / "b.md").unlink()
    report = small_index.ingest()
    assert report.removed == ["b.md"]
    assert set(small_index.sources()) == {"a.md"}
    assert all(e["source"] == "a.md" for e in Manifest(index / "manifest.json").files.values())


def test_broken_files_are_reported_and_the_rest_ingested(small_index):
    corpus = small_index.corpus
    (corpus / "empty.md").write_bytes(b"")
    (corpus / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "bad.pdf").write_bytes(b"%PDF-1.4 nonsense")
    (corpus / "bad.docx").write_bytes(b"not a zip")
    (corpus / "latin.txt").write_bytes("Kawasan caf\xe9 industri. ".encode("latin-1") * 10)
    report = small_index.ingest()
    failed = dict(report.failed)
    assert set(failed) == {"empty.md", "junk.txt", "bad.pdf", "bad.docx"}
    assert "empty" in failed["empty.md"] and "PDF" in failed["bad.pdf"]
    assert sorted(report.added) == ["a.md", "b.md", "latin.txt"]
    assert set(small_index.sources()) == {"a.md", "b.md", "latin.txt"}
    assert "failed: bad.pdf" in report.summary()


def test_nothing_usable_is_an_error(tmp_path):
    (tmp_path / "empty.md").write_bytes(b"")
    with pytest.raises(IngestError, match="nothing could be ingested"):
        ingest([tmp_path / "empty.md", tmp_path / "missing.md"], ChromaStore(tmp_path / "i"),
               HashEmbedder(), tmp_path / "i", progress=False)


class _Crashing(HashEmbedder):
    """Fails on its n-th call, like a process killed mid-ingest."""

    def __init__(self, fail_at: int) -> None:
        super().__init__()
        self.calls, self.fail_at = 0, fail_at

    def embed_documents(self, texts):
        self.calls += 1
        if self.calls == self.fail_at:
            raise RuntimeError("killed")
        return super().embed_documents(texts)


def test_interrupted_ingest_keeps_a_consistent_state_and_resumes(small_index):
    corpus, index, store = small_index.corpus, small_index.index, small_index.store
    small_index.ingest()
    before = sorted(c.id for c in store.all_chunks())
    write_regulation(corpus, "a.md", [1, 7, 8])
    write_regulation(corpus, "b.md", [4, 5, 10])
    with pytest.raises(RuntimeError, match="killed"):
        ingest([corpus], store, _Crashing(fail_at=2), index, size=200, max_chars=300,
               progress=False)
    manifest = Manifest(index / "manifest.json")
    assert len(manifest.files) == 2  # the manifest is whole, never half-written
    stored = {c.id for c in store.all_chunks()}
    for entry in manifest.files.values():
        assert set(entry["chunks"]) <= stored  # every chunk the manifest names is there
    report = small_index.ingest()
    assert report.failed == []
    texts = " ".join(c.text for c in store.all_chunks())
    assert "Contoh 10" in texts and "Contoh 8" in texts and "Contoh 6" not in texts
    assert len({c.id for c in store.all_chunks()}) == store.count()
    assert sorted(c.id for c in store.all_chunks()) != before


def test_rebuild_embeds_everything_again(small_index):
    first = small_index.ingest()
    again = small_index.ingest(rebuild=True)
    assert again.chunks_embedded == first.chunks_embedded
    assert small_index.store.count() == first.chunks_embedded


@pytest.mark.slow  # subprocesses or a refit: seconds, not milliseconds
def test_cli_reports_broken_files_and_exits_non_zero_when_nothing_is_usable(tmp_path):
    import os
    import subprocess
    import sys

    (tmp_path / "kosong.md").write_bytes(b"")
    (tmp_path / "rusak.pdf").write_bytes(b"%PDF-1.4 nonsense")
    env = {**os.environ, "KLASTER_INDEX": str(tmp_path / "index")}
    done = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(tmp_path / "kosong.md"),
                           str(tmp_path / "rusak.pdf"), "--quiet"], capture_output=True,
                          text=True, env=env)
    assert done.returncode == 1
    assert "klaster: error: nothing could be ingested" in done.stderr
    assert "kosong.md: file is empty" in done.stderr and "rusak.pdf" in done.stderr
    assert "Traceback" not in done.stderr
