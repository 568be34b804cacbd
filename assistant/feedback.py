"""Keep what users say about answers, and export a conversation as cited Markdown."""

from __future__ import annotations

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


def conversation_markdown(turns: list[tuple[str, Answer]], title: str = "Klaster") -> str:
    """A conversation as Markdown: each question, its answer and the answer's sources.

    Args:
        turns: (question, answer) pairs in order.
        title: the document heading.

    Returns:
        Markdown text.
    """
    out = [f"# {title}", ""]
    for i, (question, answer) in enumerate(turns, 1):
        out += [f"## {i}. {question}", "", answer.text, ""]
        if answer.citations:
            out.append("**Sumber / Sources**")
            for c in answer.citations:
                place = f" · {c.location}" if c.location else ""
                out.append(f"- [{c.n}] {c.label or c.title}{place} ({c.source}): “{c.quote}”")
            out.append("")
    return "\n".join(out)
