"""Shared fixtures: offline environment, temporary caches, the shared corpus, a real assistant."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from builders import SmallIndex

_CACHE = Path(tempfile.mkdtemp(prefix="klaster-test-cache-"))
# Before any library is imported: nothing downloads, nothing phones home, caches go to tmp.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as the CLI sets it: no spinning threads
os.environ["GRADIO_TEMP_DIR"] = str(_CACHE / "gradio")
os.environ["XDG_CACHE_HOME"] = str(_CACHE / "xdg")
os.environ.setdefault("KLASTER_MODEL_CACHE", str(Path.home() / ".cache" / "klaster" / "models"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def small_index(tmp_path: Path) -> SmallIndex:
    """Two small regulations and an empty index (real Chroma, the hashing embedder)."""
    return SmallIndex(tmp_path)


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    folder = SHARED / "corpus"
    assert folder.is_dir(), f"the shared corpus is expected at {folder}"
    return folder


@pytest.fixture(scope="session")
def golden_file() -> Path:
    path = SHARED / "eval" / "golden.jsonl"
    assert path.is_file(), f"the golden questions are expected at {path}"
    return path


@pytest.fixture(scope="session")
def real_assistant(tmp_path_factory, shared_corpus):
    """The real e5 model and real Chroma over the whole shared corpus, built once per run."""
    from assistant.config import load_settings
    from assistant.service import Assistant

    index = tmp_path_factory.mktemp("index")
    assistant = Assistant(load_settings(index=index, corpus=shared_corpus))
    report = assistant.ingest([shared_corpus], progress=False)
    assert len(report.added) == 8 and not report.failed
    return assistant
