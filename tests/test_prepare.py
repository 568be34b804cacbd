"""Reading files in the worker process: a document and its chunks back, a bad file costs itself."""

import pytest
from builders import write_regulation

from assistant.loaders import LoadError
from assistant.prepare import Budget, Preparer


def test_the_worker_reads_chunks_and_survives_a_bad_file(tmp_path):
    good = write_regulation(tmp_path, "a.md", range(1, 4))
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 nonsense")
    with Preparer(size=200, max_chars=300) as preparer:
        document, chunks = preparer.prepare(good, good.stat().st_size)
        assert document.label == "PP 9/2020" and [c.location for c in chunks][:1] == ["Pasal 1"]
        with pytest.raises(LoadError, match="PDF"):
            preparer.prepare(bad, bad.stat().st_size)
        again, _ = preparer.prepare(good, good.stat().st_size)  # the same worker goes on
        assert again.sha256 == document.sha256


def test_the_budget_grows_with_the_file():
    assert Budget(60, 10).seconds(0) == 60 and Budget(60, 10).seconds(2_000_000) == 80
