"""The LangChain chain: resolve a follow-up -> retrieve passages -> answer with citations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from .documents import Answer, Passage
from .followup import resolve_followup
from .question import Question, analyze, strip_references
from .retrieve import HybridRetriever

Answerer = Callable[[Question, list[Passage]], Answer]


@dataclass
class Conversation:
    """The turns of one chat; follow-ups are resolved against the last question."""

    turns: list[tuple[str, Answer]] = field(default_factory=list)
    last: Question | None = None

    def clear(self) -> None:
        self.turns.clear()
        self.last = None


@dataclass
class Vocabulary:
    """What the documents know: acronym expansions and which stems occur."""

    acronyms: dict[str, str]
    known: Callable[[str], bool]


def build_chain(
    retriever: HybridRetriever,
    answerer: Answerer,
    vocabulary: Callable[[], Vocabulary],
    top_k: int = 5,
) -> Runnable:
    """Wire the steps as runnables; an LLM answerer plugs in as ``answerer``.

    The chain takes ``{"question": str, "previous": Question | None, "sources": list | None}``
    and returns an :class:`Answer`.

    Args:
        retriever: hybrid retriever.
        answerer: turns a question and passages into an answer.
        vocabulary: gives the documents' acronyms and known stems (read when the chain runs).
        top_k: passages given to the answerer.

    Returns:
        The runnable chain.
    """

    def understand(inputs: dict) -> Question:
        vocab = vocabulary()
        question = analyze(inputs["question"], acronyms=vocab.acronyms, known=vocab.known)
        return resolve_followup(question, inputs.get("previous"))

    def search_for(question: Question, sources: list[str] | None) -> list[Passage]:
        query = question.query
        if not sources and question.documents:
            # "menurut UU 20/2008": search that document, for what the question asks of it
            sources = retriever.sources_named(question.documents) or None
            if sources:
                query = strip_references(query)
        return retriever.retrieve(query, question.language, top_k, sources, question.subject)

    def search(inputs: dict) -> list[Passage]:
        return search_for(inputs["parsed"], inputs.get("sources"))

    def respond(inputs: dict) -> Answer:
        question: Question = inputs["parsed"]
        answer = answerer(question, inputs["passages"])
        if not answer.found and question.documents and not inputs.get("sources"):
            # the document named may not be the one that holds the answer
            anywhere = replace(question, documents=[])
            second = answerer(anywhere, search_for(anywhere, None))
            if second.found:
                question, answer = anywhere, second
        if not answer.found and question.context:
            # Read as a follow-up it found nothing; it may be a new question after all.
            alone = replace(question, context=[], query=question.text)
            second = answerer(alone, search_for(alone, inputs.get("sources")))
            if second.found:
                question, answer = alone, second
        answer.resolved = question
        return answer

    return (
        RunnablePassthrough.assign(parsed=RunnableLambda(understand, name="condense"))
        | RunnablePassthrough.assign(passages=RunnableLambda(search, name="retrieve"))
        | RunnableLambda(respond, name="answer")
    ).with_config(run_name="klaster")
