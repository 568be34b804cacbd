"""The only module that imports chromadb: chunks and their vectors, on disk or on a server."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .documents import Chunk

if TYPE_CHECKING:
    import numpy as np
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from chromadb.base_types import InclusionExclusionOperator, LiteralValue, Where

COLLECTION = "klaster"
# Chroma (SQLite underneath) rejects one get with more ids than it has SQL variables (~32k).
BATCH = 5_000  # ids per request


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


def _chunk(chunk_id: str, text: str, meta: Mapping[str, Any]) -> Chunk:
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


def _within(field: str, values: Sequence[LiteralValue]) -> Where:
    """A Chroma filter: ``field`` is one of ``values``."""
    inside: dict[InclusionExclusionOperator, list[LiteralValue]] = {"$in": list(values)}
    return {field: inside}


def _chunks(ids: list[str], documents: Sequence[str | None] | None,
            metadatas: Sequence[Mapping[str, Any] | None] | None) -> list[Chunk]:
    """Chunks from one Chroma result; its lists are ``None`` only when they were not included,
    which the strict zip turns into an error."""
    return [_chunk(i, d or "", m or {}) for i, d, m in
            zip(ids, documents or [], metadatas or [], strict=True)]


class ChromaStore:
    """Chunks in a Chroma collection; embeddings always come from the caller.

    Chroma's own default embedding function would download a model, so the collection is opened
    with none, and telemetry is off.
    """

    def __init__(self, path: Path, url: str | None = None, collection: str = COLLECTION) -> None:
        self.path = Path(path)
        self.url = url
        self.collection_name = collection
        self._collection: Collection | None = None

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            try:
                client = self._client()
                self._collection = client.get_or_create_collection(
                    self.collection_name,
                    embedding_function=None,
                    metadata={"hnsw:space": "cosine"},
                )
            except Exception as exc:  # chromadb raises many types; the edge needs one
                reason = " ".join(str(exc).split()) or type(exc).__name__
                if self.url:
                    raise StoreError(f"cannot reach the Chroma server at {self.url} ({reason}); "
                                     "start one with: chroma run --path DIR --host 127.0.0.1 "
                                     "--port PORT") from exc
                raise StoreError(f"cannot open the Chroma index at {self.path}: {reason}") from exc
        return self._collection

    def _client(self) -> ClientAPI:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if self.url:
            from urllib.parse import urlparse

            parsed = urlparse(self.url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise ValueError("the Chroma URL must look like http://HOST:PORT")
            return chromadb.HttpClient(host=parsed.hostname, port=parsed.port or 8000,
                                       ssl=parsed.scheme == "https", settings=chroma_settings)
        self.path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(self.path), settings=chroma_settings)

    def count(self) -> int:
        return self.collection.count()

    def existing(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` are stored already (asked in batches)."""
        found: set[str] = set()
        for start in range(0, len(ids), BATCH):
            found.update(self.collection.get(ids=ids[start : start + BATCH], include=[])["ids"])
        return found

    def ids(self) -> set[str]:
        """Every stored chunk id, read page by page."""
        found: set[str] = set()
        for offset in range(0, self.count(), BATCH):
            found.update(self.collection.get(include=[], limit=BATCH, offset=offset)["ids"])
        return found

    def add(self, chunks: list[Chunk], vectors: list[list[float]], batch: int = 256) -> None:
        """Upsert chunks with their vectors."""
        for start in range(0, len(chunks), batch):
            part = chunks[start : start + batch]
            embeddings: list[Sequence[float] | Sequence[int]] = [*vectors[start : start + batch]]
            self.collection.upsert(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                metadatas=[_metadata(c) for c in part],
                embeddings=embeddings,
            )

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), 256):
            self.collection.delete(ids=ids[start : start + 256])

    def clear(self) -> None:
        """Drop every chunk (a rebuild), by deleting and recreating the collection."""
        client = self._client()
        try:
            client.delete_collection(self.collection_name)
        except Exception:  # absent already
            pass
        self._collection = None

    def get(self, ids: list[str]) -> list[Chunk]:
        """The stored chunks with these ids, in the order given; missing ids are skipped."""
        found: dict[str, Chunk] = {}
        for start in range(0, len(ids), BATCH):
            got = self.collection.get(ids=ids[start : start + BATCH],
                                      include=["documents", "metadatas"])
            found.update({c.id: c for c in _chunks(got["ids"], got["documents"],
                                                   got["metadatas"])})
        return [found[i] for i in ids if i in found]

    def neighbours(self, chunk: Chunk) -> list[Chunk]:
        """The chunks just before and after ``chunk`` in its file."""
        where: Where = {"$and": [{"source": chunk.source},
                                 _within("order", [chunk.order - 1, chunk.order + 1])]}
        got = self.collection.get(where=where, include=["documents", "metadatas"])
        return _chunks(got["ids"], got["documents"], got["metadatas"])

    def iter_chunks(self, batch: int = BATCH) -> Iterator[Chunk]:
        """Every stored chunk, fetched a page at a time."""
        offset = 0
        while True:
            got = self.collection.get(include=["documents", "metadatas"], limit=batch,
                                      offset=offset)
            yield from _chunks(got["ids"], got["documents"], got["metadatas"])
            if len(got["ids"]) < batch:
                return
            offset += batch

    def all_chunks(self) -> list[Chunk]:
        """Every stored chunk; costs memory and time in proportion to the store."""
        return list(self.iter_chunks())

    def query(
        self,
        vector: list[float],
        k: int,
        sources: list[str] | None = None,
        among: list[str] | None = None,
    ) -> list[tuple[Chunk, float]]:
        """Nearest chunks to ``vector`` as ``(chunk, cosine similarity)``, best first.

        Args:
            vector: the query vector.
            k: how many.
            sources: only chunks of these file names (Chroma filters before it ranks).
            among: only these chunk ids, compared one by one; for a filter that leaves few
                chunks this is exact and, at 100k chunks, several times faster than Chroma's
                filtered search.
        """
        if among is not None:
            return self._nearest_among(vector, k, among)
        where = _within("source", sources) if sources else None
        query: list[Sequence[float] | Sequence[int]] = [vector]
        got = self.collection.query(
            query_embeddings=query,
            n_results=k,
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        chunks = _chunks(got["ids"][0], (got["documents"] or [[]])[0],
                         (got["metadatas"] or [[]])[0])
        distances = (got["distances"] or [[]])[0]
        return [(c, 1.0 - float(dist)) for c, dist in zip(chunks, distances, strict=True)]

    def _nearest_among(self, vector: list[float], k: int, ids: list[str]
                       ) -> list[tuple[Chunk, float]]:
        found, matrix = self.vectors(ids)
        return self.nearest_rows(vector, k, found, matrix)

    def vectors(self, ids: list[str]) -> tuple[list[str], np.ndarray]:
        """The stored vectors of these chunks, unit length, one row each: the ids found (a
        removed chunk is skipped) and a matrix."""
        import numpy as np

        found, rows = [], []
        for start in range(0, len(ids), BATCH):
            got = self.collection.get(ids=ids[start : start + BATCH], include=["embeddings"])
            found += got["ids"]
            vectors = np.asarray(got["embeddings"], dtype=np.float64)
            rows.append(vectors.reshape(len(got["ids"]), -1))
        if not found:
            return [], np.zeros((0, 0), dtype=np.float64)
        matrix = np.concatenate(rows)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return found, matrix / np.where(norms == 0, 1.0, norms)

    def nearest_rows(self, vector: list[float], k: int, ids: list[str], matrix: np.ndarray
                     ) -> list[tuple[Chunk, float]]:
        """The ``k`` rows of ``matrix`` (unit vectors of the chunks ``ids``) nearest to
        ``vector``, as chunks with their cosine similarity, best first."""
        import numpy as np

        if not ids:
            return []
        query = np.asarray(vector, dtype=np.float64)
        similarity = matrix @ (query / (np.linalg.norm(query) or 1.0))
        best = np.argsort(-similarity, kind="stable")[:k]
        chunks = self.get([ids[i] for i in best])
        return [(chunk, float(similarity[i])) for chunk, i in zip(chunks, best, strict=True)]
