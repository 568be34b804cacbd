"""One factory that turns the ``llm`` setting into an answerer; the default reader needs no LLM."""

from __future__ import annotations

from collections.abc import Callable

from .answering import Reader
from .answering.vectors import SentenceVectors
from .chain import Answerer


class ConfigError(ValueError):
    """A setting names something this installation cannot build."""


def make_answerer(
    backend: str,
    idf: Callable[[str], float],
    known: Callable[[str], bool],
    vectors: SentenceVectors,
    embed_query: Callable[[str], list[float]],
) -> Answerer:
    """Build the answer step named by the ``llm`` setting.

    Args:
        backend: ``"extractive"`` (default, offline, quotes the documents).
        idf: inverse document frequency of a stem in the index.
        known: whether a stem occurs in the index.
        vectors: sentence vectors of the indexed chunks.
        embed_query: the question's embedding.

    Returns:
        A callable ``(question, passages, named) -> Answer``.

    Raises:
        ConfigError: unknown backend.
    """
    match backend:
        case "extractive":
            return Reader(idf, known, vectors, embed_query)
        case _:
            raise ConfigError(f"unknown llm backend {backend!r}; set KLASTER_LLM=extractive")
