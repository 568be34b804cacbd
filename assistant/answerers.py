"""One factory that turns the ``llm`` setting into the answer step.

``extractive`` (the default) shows the reader's quotes; ``openai`` asks an OpenAI-compatible chat
server once per question, streams its reply, and shows it only when the grounding guard passes;
otherwise, and whenever the server fails, the reader's answer is shown with a one-line note.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from .chain import Answerer, Evidence
from .config import Settings
from .documents import Answer, Citation, Passage
from .grounding import check, citations_in, scrub
from .llm import LLMConfigError, answer_messages, chat_model, condense_messages, passage_block
from .llm import prompts as prompt_texts

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger("klaster.llm")
ConfigError = LLMConfigError  # the name callers used before the model backend existed
QUOTE_CHARS = 400  # a citation of a generated answer quotes at most this much of its passage


class Extractive:
    """The default: the reader's verbatim quotes, already computed by retrieval."""

    def stream(self, evidence: Evidence) -> Iterator[str | Answer]:
        yield evidence.extractive


class Generated:
    """A cited answer written by a chat model from the passages retrieval chose."""

    def __init__(self, model: BaseChatModel, passages: int = 4, timeout: float = 60.0) -> None:
        """
        Args:
            model: any LangChain chat model (``ChatOpenAI`` pointed at a server in practice).
            passages: how many passages the model is given.
            timeout: seconds the whole reply may take.
        """
        if passages < 1:
            raise ValueError("passages must be at least 1")
        self.model = model
        self.passages = passages
        self.timeout = timeout

    def choose(self, evidence: Evidence) -> list[Passage]:
        """The passages for the model: those the reader quoted, then the best of the rest."""
        quoted = {c.passage for c in evidence.extractive.citations}
        first = [p for p in evidence.passages if p.chunk.text in quoted]
        rest = [p for p in evidence.passages if p.chunk.text not in quoted]
        return (first + rest)[: self.passages]

    def stream(self, evidence: Evidence) -> Iterator[str | Answer]:
        """Stream the model's reply; the last item is the guarded answer.

        Nothing answerable: the reader's "not found", and the model is not asked.
        """
        if not evidence.answerable:
            yield evidence.extractive
            return
        question, language = evidence.question, evidence.question.language
        texts = prompt_texts(language)
        chosen = self.choose(evidence)
        blocks = []
        for n, passage in enumerate(chosen, 1):
            text, removed = scrub(passage.chunk.text, texts["removed"])
            if removed:
                log.warning("removed %d instruction sentence(s) from %s before the model saw it",
                            removed, passage.chunk.source)
            blocks.append(passage_block(n, passage, text))
        messages = answer_messages(_asked(evidence), language, blocks)
        pieces: list[str] = []
        started = time.monotonic()
        try:
            for chunk in self.model.stream(messages):
                piece = chunk.content if isinstance(chunk.content, str) else ""
                if piece:
                    pieces.append(piece)
                    yield piece
                if time.monotonic() - started > self.timeout:
                    raise TimeoutError(f"no complete reply in {self.timeout:g} s")
        except Exception as exc:  # down, slow, refusing: never a traceback for the user
            reason = _reason(exc)
            log.warning("model server failed (%s); showing the extractive answer", reason)
            yield _fallback(evidence, texts["note_server"].format(reason=reason), "server")
            return
        text = "".join(pieces).strip()
        if text.lower().startswith(texts["not_found"].lower()) and not citations_in(text):
            log.warning("the model found no answer where the reader did; showing the reader's")
            yield _fallback(evidence, texts["note_guard"], "guard")
            return
        verdict = check(text, blocks)
        if not verdict.ok:
            log.warning("grounding guard refused the model's answer: %s",
                        "; ".join(verdict.reasons))
            yield _fallback(evidence, texts["note_guard"], "guard")
            return
        citations = [_citation(n, chosen[n - 1], evidence.extractive) for n in verdict.cited]
        yield Answer(text, True, language, citations, passages=evidence.passages,
                     query=question.query, resolved=evidence.extractive.resolved, generated=True)

    def condense(self, previous: str, question: str, language: str) -> str | None:
        """A follow-up rewritten as one standalone question, or ``None`` when the model fails.

        Args:
            previous: the earlier question (as resolved).
            question: the follow-up as typed.
            language: ``id`` or ``en``.
        """
        try:
            reply = self.model.invoke(condense_messages(previous, question, language),
                                      max_tokens=64)
        except Exception as exc:
            log.warning("model server failed to condense a follow-up (%s)", _reason(exc))
            return None
        content = reply.content if isinstance(reply.content, str) else ""
        line = next((s.strip().strip('"“”') for s in content.splitlines() if s.strip()), "")
        return line if 3 <= len(line) <= 300 else None


def _asked(evidence: Evidence) -> str:
    """The question for the model; a follow-up resolved by rules names its earlier subject."""
    question = evidence.question
    if question.context:
        return f"{question.text} ({', '.join(g.word for g in question.context)})"
    return question.text or evidence.asked


def _citation(n: int, passage: Passage, extractive: Answer) -> Citation:
    """The citation of passage ``[n]``: the reader's quote from it, else its opening."""
    chunk = passage.chunk
    quote = next((c.quote for c in extractive.citations if c.passage == chunk.text), "")
    if not quote:
        quote = chunk.text if len(chunk.text) <= QUOTE_CHARS else \
            chunk.text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
    return Citation(n, chunk.source, chunk.title, chunk.location, quote, chunk.label, chunk.text)


def _fallback(evidence: Evidence, note: str, why: str) -> Answer:
    answer = evidence.extractive
    return replace(answer, text=f"{answer.text}\n\n{note}", note=note, fallback=why)


def _reason(exc: BaseException) -> str:
    """A short, key-free reason: the error's class, e.g. ``APIConnectionError``."""
    return type(exc).__name__


def make_answerer(settings: Settings) -> Answerer:
    """Build the answer step named by the ``llm`` setting.

    Args:
        settings: ``llm`` picks the backend; ``llm_*`` configure the model server.

    Returns:
        The answer step.

    Raises:
        LLMConfigError: an unknown backend, missing model settings or a missing package.
    """
    match settings.llm:
        case "extractive":
            return Extractive()
        case "openai":
            return Generated(chat_model(settings), settings.llm_passages, settings.llm_timeout)
        case other:
            raise LLMConfigError(f"unknown llm backend {other!r}; set KLASTER_LLM=extractive "
                                 "or openai")
