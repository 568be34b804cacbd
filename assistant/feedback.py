"""Keep what users say about answers, and export a conversation as cited Markdown."""

from __future__ import annotations

import base64
import json
import threading
from datetime import UTC, datetime
from pathlib import Path

from .documents import Answer

FEEDBACK = "feedback.jsonl"
_LOCK = threading.Lock()


def record(index: Path, question: str, answer: Answer, vote: str, comment: str = "",
           limit: int = 2000) -> dict[str, object]:
    """Append one vote on an answer to ``<index>/feedback.jsonl``.

    Args:
        index: the index folder.
        question: what was asked.
        answer: what the assistant said.
        vote: ``"up"`` or ``"down"``.
        comment: optional free text.
        limit: the longest comment accepted, in characters.

    Returns:
        The record written.
    """
    if vote not in ("up", "down"):
        raise ValueError("vote must be 'up' or 'down'")
    if len(comment) > limit:
        raise ValueError(f"the comment is too long ({len(comment)} characters; at most {limit})"
                         " / komentar terlalu panjang")
    entry: dict[str, object] = {
        "question": question,
        "answer": answer.text,
        "citations": [c.to_dict() for c in answer.citations],
        "vote": vote,
        "comment": comment.strip(),
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    path = Path(index) / FEEDBACK
    path.parent.mkdir(parents=True, exist_ok=True)
    with _LOCK, path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return entry


def conversation_markdown(turns: list[tuple[str, Answer]], title: str = "Klaster",
                          charts: dict[int, Path] | None = None) -> str:
    """A conversation as Markdown: each question, its answer, its chart and its sources.

    Args:
        turns: (question, answer) pairs in order.
        title: the document heading.
        charts: turn number (1-based) -> PNG of the figures it cites, embedded in the file.

    Returns:
        Markdown text.
    """
    out = [f"# {title}", ""]
    for i, (question, answer) in enumerate(turns, 1):
        out += [f"## {i}. {question}", "", answer.text, ""]
        if charts and i in charts:
            data = base64.b64encode(Path(charts[i]).read_bytes()).decode("ascii")
            out += [f"![{question}](data:image/png;base64,{data})", ""]
        if answer.citations:
            out.append("**Sumber / Sources**")
            for c in answer.citations:
                place = f" · {c.location}" if c.location else ""
                out.append(f"- [{c.n}] {c.label or c.title}{place} ({c.source}): “{c.quote}”")
            out.append("")
    return "\n".join(out)


def conversation_docx(turns: list[tuple[str, Answer]], path: Path, title: str = "Klaster",
                      charts: dict[int, Path] | None = None) -> Path:
    """The same conversation as a Word document, charts as pictures.

    Args:
        turns: (question, answer) pairs in order.
        path: where to write the .docx file.
        title: the document heading.
        charts: turn number (1-based) -> PNG of the figures it cites.

    Returns:
        The path written.
    """
    from docx import Document as WordDocument
    from docx.shared import Cm

    doc = WordDocument()
    doc.add_heading(title, level=1)
    for i, (question, answer) in enumerate(turns, 1):
        doc.add_heading(f"{i}. {question}", level=2)
        doc.add_paragraph(answer.text)
        if charts and i in charts:
            doc.add_picture(str(charts[i]), width=Cm(15))
        for c in answer.citations:
            place = f" · {c.location}" if c.location else ""
            doc.add_paragraph(f"[{c.n}] {c.label or c.title}{place} ({c.source}): “{c.quote}”",
                              style="List Bullet")
    doc.save(str(path))
    return path
