"""Typed records passed between the stages: Document -> Chunk -> Passage -> Answer."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the annotations only: records import nothing at run time
    from .answering.figures import Figure
    from .answering.question import Question


@dataclass(frozen=True)
class Part:
    """A stretch of a document's text; PDFs give one part per page, a CSV or XLSX one per row
    (``location`` names the row, and the part is one record)."""

    text: str
    page: int | None = None
    location: str | None = None


@dataclass(frozen=True)
class Document:
    """A loaded file: its text and what a citation needs to name it."""

    source: str  # file name, as shown in citations
    path: str  # absolute path, the identity used by ingestion
    title: str
    label: str  # short name for citations, e.g. "UU 3/2014"
    kind: str  # "regulation", "article", "document"
    year: int | None
    parts: tuple[Part, ...]
    sha256: str


@dataclass(frozen=True)
class Chunk:
    """A retrievable piece of a document that never cuts a sentence in half."""

    id: str
    source: str
    title: str
    label: str
    kind: str
    year: int | None
    location: str  # e.g. "Pasal 9", "Penjelasan Pasal 9", "hlm. 3"
    text: str
    order: int

    @property
    def header(self) -> str:
        """The citation name of this chunk, e.g. ``UU 3/2014 · Pasal 9``."""
        return f"{self.label} · {self.location}" if self.location else self.label

    def embedding_text(self) -> str:
        """What the embedder and keyword index read: the text with its citation header."""
        return f"{self.header}\n{self.text}"


EXPLANATION = "Penjelasan"  # how a place in a regulation's explanation is named
_ARTICLE_EXPLANATION = re.compile(rf"\b{EXPLANATION}\s+(?=Pasal\b)")


def article_of(location: str) -> str:
    """The article a location belongs to, its explanation included: "Penjelasan Pasal 65" and
    "Pasal 65" are one article. A regulation's general explanation ("PP 31/2016 - KEK Sorong ·
    Penjelasan") is a place of its own, not the regulation's opening."""
    return _ARTICLE_EXPLANATION.sub("", location)


@dataclass(frozen=True)
class Passage:
    """A chunk retrieved for a question, with its fused score and ranks."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None
    similarity: float | None = None  # cosine similarity of the dense match, if any


@dataclass(frozen=True)
class Citation:
    """A numbered source of an answer; ``quote`` is verbatim text of the passage."""

    n: int
    source: str
    title: str
    location: str
    quote: str
    label: str = ""
    passage: str = ""  # the whole passage the quote comes from

    def to_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "source": self.source,
            "title": self.title,
            "location": self.location,
            "quote": self.quote,
        }


@dataclass
class Answer:
    """What the assistant says: text with [n] markers, and the citations those markers name."""

    text: str
    found: bool
    language: str
    citations: list[Citation] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)  # what retrieval gave the answerer
    query: str = ""  # the retrieval query after follow-up resolution
    resolved: Question | None = None  # the analysed question, so the next turn can refer back to it
    figures: list[Figure] = field(default_factory=list)  # comparable cited figures, for a chart
    generated: bool = False  # written by a language model (and passed the grounding guard)
    note: str = ""  # shown under the answer, e.g. why the model's answer was replaced
    fallback: str = ""  # why a configured model's answer is not shown: "guard", "server"

    def to_dict(self) -> dict[str, object]:
        return {
            "answer": self.text,
            "found": self.found,
            "language": self.language,
            "citations": [c.to_dict() for c in self.citations],
            "figures": [asdict(f) for f in self.figures],
            "generated": self.generated,
            "note": self.note,
        }
