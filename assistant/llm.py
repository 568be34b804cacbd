"""One factory that turns settings into an answerer: the extractive one needs no LLM."""

from __future__ import annotations

from collections.abc import Callable

from .answer import Answerer
from .extractive import ExtractiveAnswerer


class ConfigError(ValueError):
    """A setting names something this installation cannot build."""


def make_answerer(backend: str, idf: Callable[[str], float]) -> Answerer:
    """Build the answer step named by the ``llm`` setting.

    Args:
        backend: ``"extractive"`` (default, offline, quotes the documents).
        idf: inverse document frequency of a stem in the index.

    Returns:
        A callable ``(question, passages) -> Answer``.

    Raises:
        ConfigError: unknown backend.
    """
    match backend:
        case "extractive":
            return ExtractiveAnswerer(idf)
        case _:
            raise ConfigError(
                f"unknown llm backend {backend!r}; set KLASTER_LLM=extractive "
                "(chat-model backends plug into answer.build_chain as another answerer)"
            )
