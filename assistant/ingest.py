"""Corpus -> index: incremental, idempotent, with progress; a crash leaves a resumable state."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .chunking import chunk_document
from .documents import Chunk, Document
from .embeddings import Embedder
from .loaders import LoadError, load, supported
from .store import ChromaStore

MANIFEST = "manifest.json"
CHUNKER_VERSION = "7"


class IngestError(RuntimeError):
    """Nothing usable could be ingested; the message says why."""


@dataclass
class IngestReport:
    """What one ingest run did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    chunks_written: int = 0
    chunks_embedded: int = 0
    seconds: float = 0.0

    @property
    def usable(self) -> bool:
        return bool(self.added or self.updated or self.unchanged or not self.failed)

    def summary(self) -> str:
        lines = [
            f"files: {len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed, "
            f"{len(self.failed)} failed",
            f"chunks: {self.chunks_written} written, {self.chunks_embedded} embedded "
            f"in {self.seconds:.1f} s",
        ]
        lines += [f"failed: {name}: {reason}" for name, reason in self.failed]
        return "\n".join(lines)


class Manifest:
    """Which files are indexed, with their hashes and chunk ids; written atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.model = ""
        self.chunker = ""
        self.files: dict[str, dict] = {}
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            self.model = data.get("model", "")
            self.chunker = data.get("chunker", "")
            self.files = data.get("files", {})

    def drop(self, key: str, store: ChromaStore) -> dict:
        """Forget one file: its chunks leave the store, its entry the manifest (saved)."""
        entry = self.files.pop(key)
        store.delete(entry["chunks"])
        self.save()
        return entry

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"model": self.model, "chunker": self.chunker, "files": self.files}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".manifest-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)


def collect(paths: list[Path]) -> tuple[list[Path], list[Path], list[tuple[str, str]]]:
    """Expand folders into supported files.

    Returns:
        (files, folders scanned, problems) where problems name paths that cannot be ingested.
    """
    files: list[Path] = []
    folders: list[Path] = []
    problems: list[tuple[str, str]] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            folders.append(path.resolve())
            files += sorted(p for p in path.rglob("*") if p.is_file() and supported(p)
                            and not any(part.startswith(".") for part in p.parts[-2:]))
        elif path.is_file():
            if supported(path):
                files.append(path)
            else:
                problems.append((path.name, f"unsupported file type {path.suffix or '(none)'}"))
        else:
            problems.append((str(path), "no such file or folder"))
    return files, folders, problems


def ingest(
    paths: list[Path],
    store: ChromaStore,
    embedder: Embedder,
    index_dir: Path,
    *,
    size: int = 900,
    max_chars: int = 1100,
    rebuild: bool = False,
    progress: bool = True,
) -> IngestReport:
    """Bring the index in line with the given files and folders.

    Unchanged files are skipped by hash; changed files replace their chunks; files gone from an
    ingested folder lose theirs. Each file is committed on its own (vectors first, then the
    manifest), so an interrupted run is finished by running it again.

    Args:
        paths: files and folders.
        store: the vector store.
        embedder: the embedding model.
        index_dir: folder holding the manifest.
        size: target chunk size in characters.
        max_chars: the longest chunk.
        rebuild: drop everything and embed again.
        progress: show a progress bar on stderr.

    Returns:
        The report.

    Raises:
        IngestError: nothing usable was ingested.
    """
    started = time.perf_counter()
    report = IngestReport()
    manifest = Manifest(index_dir / MANIFEST)
    chunker = f"{CHUNKER_VERSION}-{size}-{max_chars}"
    if rebuild or (manifest.files and manifest.model != embedder.model_id):
        store.delete(c.id for c in store.all_chunks())
        manifest.files = {}
    manifest.model, manifest.chunker = embedder.model_id, chunker

    files, folders, problems = collect(paths)
    report.failed += problems
    pending: list[tuple[Document, list[Chunk], bool]] = []
    for path in files:
        key = str(path.resolve())
        known = manifest.files.get(key)
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if known and known["sha256"] == digest and known.get("chunker") == chunker:
                report.unchanged.append(path.name)
                continue
            document = load(path)
        except (LoadError, OSError) as exc:
            report.failed.append((path.name, str(exc)))
            continue
        chunks = chunk_document(document, size, max_chars)
        pending.append((document, chunks, known is not None))

    total = sum(len(chunks) for _, chunks, _ in pending)
    bar = _progress(total, progress)
    for document, chunks, was_known in pending:
        old = set(manifest.files.get(document.path, {}).get("chunks", []))
        present = store.existing([c.id for c in chunks])
        fresh = [c for c in chunks if c.id not in present]
        vectors: list[list[float]] = []
        for start in range(0, len(fresh), 32):
            batch = fresh[start : start + 32]
            vectors += embedder.embed_documents([c.embedding_text() for c in batch])
            bar.update(len(batch))
        bar.update(len(chunks) - len(fresh))
        store.add(fresh, vectors)
        store.delete(old - {c.id for c in chunks})
        manifest.files[document.path] = _entry(document, chunks, chunker)
        manifest.save()
        report.chunks_embedded += len(fresh)
        report.chunks_written += len(fresh)
        (report.updated if was_known else report.added).append(document.source)
    bar.close()

    found = {str(p.resolve()) for p in files}
    for key in list(manifest.files):
        inside = any(Path(key).is_relative_to(folder) for folder in folders)
        if key not in found and inside and not Path(key).exists():
            report.removed.append(manifest.drop(key, store)["source"])
    if not manifest.path.exists():
        manifest.save()
    report.seconds = time.perf_counter() - started
    if not report.usable:
        raise IngestError("nothing could be ingested:\n" + report.summary())
    return report


def _entry(document: Document, chunks: list[Chunk], chunker: str) -> dict:
    return {
        "source": document.source,
        "title": document.title,
        "label": document.label,
        "kind": document.kind,
        "year": document.year,
        "sha256": document.sha256,
        "chunker": chunker,
        "chunks": [c.id for c in chunks],
        "ingested": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="chunk", desc="embedding", file=sys.stderr,
                disable=not enabled or total == 0)
