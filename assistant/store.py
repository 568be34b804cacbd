"""The only module that imports chromadb: chunks and their vectors, on disk or on a server."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .documents import Chunk

COLLECTION = "klaster"
# Chroma (SQLite underneath) rejects one get with more ids than it has SQL variables (~32k).
ID_BATCH = 5000


class StoreError(RuntimeError):
    """The vector store cannot be opened or written."""


def _metadata(chunk: Chunk) -> dict[str, str | int]:
    return {
        "source": chunk.source,
        "title": chunk.title,
        "label": chunk.label,
        "kind": chunk.kind,
        "year": chunk.year if chunk.year is not None else -1,
        "location": chunk.location,
        "order": chunk.order,
    }


def _chunk(chunk_id: str, text: str, meta: dict) -> Chunk:
    year = int(meta.get("year", -1))
    return Chunk(
        id=chunk_id,
        source=str(meta["source"]),
        title=str(meta.get("title", "")),
        label=str(meta.get("label", "")),
        kind=str(meta.get("kind", "document")),
        year=None if year < 0 else year,
        location=str(meta.get("location", "")),
        text=text,
        order=int(meta.get("order", 0)),
    )


class ChromaStore:
    """Chunks in a Chroma collection; embeddings always come from the caller.

    Chroma's own default embedding function would download a model, so the collection is opened
    with none, and telemetry is off.
    """

    def __init__(self, path: Path, url: str | None = None, collection: str = COLLECTION) -> None:
        self.path = Path(path)
        self.url = url
        self.collection_name = collection
        self._collection = None

    @property
    def collection(self):
        if self._collection is None:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
            try:
                if self.url:
                    from urllib.parse import urlparse

                    parsed = urlparse(self.url)
                    client = chromadb.HttpClient(
                        host=parsed.hostname or "127.0.0.1",
                        port=parsed.port or 8000,
                        ssl=parsed.scheme == "https",
                        settings=chroma_settings,
                    )
                else:
                    self.path.mkdir(parents=True, exist_ok=True)
                    client = chromadb.PersistentClient(path=str(self.path),
                                                       settings=chroma_settings)
                self._collection = client.get_or_create_collection(
                    self.collection_name,
                    embedding_function=None,
                    metadata={"hnsw:space": "cosine"},
                )
            except Exception as exc:  # chromadb raises many types; the edge needs one
                where = self.url or self.path
                raise StoreError(f"cannot open the Chroma index at {where}: {exc}") from exc
        return self._collection

    def count(self) -> int:
        return self.collection.count()

    def existing(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` are stored already (asked in batches)."""
        found: set[str] = set()
        for start in range(0, len(ids), ID_BATCH):
            found.update(self.collection.get(ids=ids[start : start + ID_BATCH], include=[])["ids"])
        return found

    def ids(self) -> set[str]:
        """Every stored chunk id, read page by page."""
        found: set[str] = set()
        for offset in range(0, self.count(), ID_BATCH):
            found.update(self.collection.get(include=[], limit=ID_BATCH, offset=offset)["ids"])
        return found

    def add(self, chunks: list[Chunk], vectors: list[list[float]], batch: int = 256) -> None:
        """Upsert chunks with their vectors."""
        for start in range(0, len(chunks), batch):
            part = chunks[start : start + batch]
            self.collection.upsert(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                metadatas=[_metadata(c) for c in part],
                embeddings=vectors[start : start + batch],
            )

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), 256):
            self.collection.delete(ids=ids[start : start + 256])

    def all_chunks(self) -> list[Chunk]:
        """Every stored chunk, for the keyword index and document listings."""
        chunks: list[Chunk] = []
        for offset in range(0, self.count(), ID_BATCH):
            got = self.collection.get(include=["documents", "metadatas"], limit=ID_BATCH,
                                      offset=offset)
            chunks += [_chunk(i, d or "", m or {}) for i, d, m in
                       zip(got["ids"], got["documents"], got["metadatas"], strict=True)]
        return chunks

    def query(
        self, vector: list[float], k: int, sources: list[str] | None = None
    ) -> list[tuple[Chunk, float]]:
        """Nearest chunks to ``vector`` as ``(chunk, cosine similarity)``, best first."""
        total = self.count()
        if total == 0:
            return []
        where = None
        if sources:
            where = {"source": {"$in": list(sources)}}
        got = self.collection.query(
            query_embeddings=[vector],
            n_results=min(k, total),
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        return [
            (_chunk(i, d or "", m or {}), 1.0 - float(dist))
            for i, d, m, dist in zip(
                got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0],
                strict=True,
            )
        ]
