"""The chat model: any OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio, hosted),
through LangChain's chat-model interface, and the prompts it is given."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import SecretStr

from .config import Settings
from .documents import Passage

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


class LLMConfigError(ValueError):
    """The model settings are incomplete or the backend package is missing."""


def chat_model(settings: Settings, max_tokens: int | None = None) -> BaseChatModel:
    """The chat model the settings name.

    Args:
        settings: ``llm_base_url``, ``llm_model``, ``llm_api_key`` and ``llm_timeout`` are read.
        max_tokens: longest reply; the ``llm_max_tokens`` setting when ``None``.

    Returns:
        A LangChain chat model; nothing is sent until it is called.

    Raises:
        LLMConfigError: no base URL or model, or ``langchain-openai`` is not installed.
    """
    if not settings.llm_base_url or not settings.llm_model:
        raise LLMConfigError("KLASTER_LLM=openai needs KLASTER_LLM_BASE_URL (e.g. "
                             "http://127.0.0.1:11434/v1) and KLASTER_LLM_MODEL")
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:
        raise LLMConfigError("KLASTER_LLM=openai needs langchain-openai: "
                             "pip install langchain-openai") from exc
    # local servers ignore the key, but the client insists on one; it stays a SecretStr
    key = settings.llm_api_key or SecretStr("not-needed")
    limit = max_tokens or settings.llm_max_tokens
    # ChatOpenAI sends the limit as "max_completion_tokens", which llama.cpp's and other older
    # servers ignore (a 135M model then writes until its context is full): send "max_tokens" too
    return ChatOpenAI(
        base_url=settings.llm_base_url, model=settings.llm_model, api_key=key,
        timeout=settings.llm_timeout, max_retries=0, temperature=0.0,
        max_completion_tokens=limit, extra_body={"max_tokens": limit},
        streaming=True,
    )


@cache
def prompts(language: str) -> dict[str, str]:
    """The prompt texts of one language (``id`` or ``en``), from ``data/prompts.json``."""
    path = resources.files("assistant").joinpath("data", "prompts.json")
    texts: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return texts["en" if language == "en" else "id"]


def passage_block(n: int, passage: Passage, text: str) -> str:
    """One numbered passage as the model sees it: number, citation header, text."""
    return f"[{n}] ({passage.chunk.header})\n{text}"


def answer_messages(question: str, language: str, blocks: list[str]) -> list[BaseMessage]:
    """The messages that ask for a cited answer from numbered passages.

    Args:
        question: the question as asked.
        language: ``id`` or ``en``: the language of the instructions and the answer.
        blocks: the numbered passages (:func:`passage_block`).

    Returns:
        A system message with the rules and a user message with the passages and question.
    """
    texts = prompts(language)
    # a passage cannot close the data block early: its delimiters are defused
    body = "\n\n".join(b.replace("</", "< /") for b in blocks)
    return [SystemMessage(texts["system"]),
            HumanMessage(texts["user"].format(passages=body, question=question))]


def condense_messages(previous: str, question: str, language: str) -> list[BaseMessage]:
    """The message that asks for a follow-up as one standalone question."""
    text = prompts(language)["condense"].format(previous=previous, question=question)
    return [HumanMessage(text)]
