"""Graded evaluation: answers and retrieval against a golden JSONL file, scored per kind."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .chain import Conversation
from .documents import Answer
from .service import Assistant

KINDS = ("fact", "statistic", "list", "definition", "follow_up", "out_of_scope")


class EvalError(ValueError):
    """The graded file cannot be read."""


@dataclass
class EvalReport:
    """Scores of one evaluation run."""

    total: Counter[str] = field(default_factory=Counter)
    passed: Counter[str] = field(default_factory=Counter)
    retrieval_total: int = 0
    retrieval_hits: int = 0
    results: list[dict[str, Any]] = field(default_factory=list)
    backend: str = "extractive"
    seconds: list[float] = field(default_factory=list)  # time to answer each item's question
    fallbacks: Counter[str] = field(default_factory=Counter)  # "guard" / "server" -> count
    generated: int = 0  # answers written by the model and shown

    def latency(self, share: float) -> float:
        """The answer time (seconds) below which ``share`` of the questions were answered."""
        ordered = sorted(self.seconds)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]

    @property
    def score(self) -> int:
        return sum(self.passed.values())

    def summary(self) -> str:
        lines = [f"{kind}: {self.passed[kind]}/{self.total[kind]}"
                 for kind in [*KINDS, *sorted(set(self.total) - set(KINDS))] if self.total[kind]]
        lines.append(f"score: {self.score}/{sum(self.total.values())}")
        if self.retrieval_total:
            share = 100 * self.retrieval_hits / self.retrieval_total
            lines.append(f"retrieval strict hit@5: {self.retrieval_hits}/{self.retrieval_total}"
                         f" ({share:.0f}%)")
        if self.backend != "extractive":
            lines.append(f"model answers shown: {self.generated}; guard fallbacks: "
                         f"{self.fallbacks['guard']}; server fallbacks: {self.fallbacks['server']}")
        if self.seconds:
            lines.append(f"latency p50 {1000 * self.latency(0.5):.0f} ms, "
                         f"p95 {1000 * self.latency(0.95):.0f} ms ({self.backend})")
        return "\n".join(lines)


def load_items(path: Path) -> list[dict[str, Any]]:
    """Read graded items, one JSON object per line."""
    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if "question" not in item:
            raise EvalError(f"{path}:{number}: no 'question' field")
        items.append(item)
    return items


def holds(text: str, groups: list[list[str]]) -> bool:
    """Whether every group has one of its alternatives in ``text`` (case-insensitive)."""
    lowered = text.lower()
    return all(any(alt.lower() in lowered for alt in group) for group in groups)


def grade(item: dict[str, Any], answer: Answer) -> bool:
    """An out-of-scope item passes when refused; any other when found and complete."""
    if item.get("kind") == "out_of_scope" or item.get("source") is None:
        return not answer.found
    return answer.found and holds(answer.text, item.get("must_include", []))


def evaluate(assistant: Assistant, items: list[dict[str, Any]],
             out: Path | None = None) -> EvalReport:
    """Ask every item (its ``history`` first, in one conversation) and grade the answers.

    Args:
        assistant: the assistant over the index to grade.
        items: graded items as in ``golden.jsonl``.
        out: where to write one result line per item, if given.

    Returns:
        The report.
    """
    report = EvalReport(backend=assistant.settings.llm)
    for item in items:
        conversation = Conversation()
        for turn in item.get("history") or []:
            assistant.ask(turn, conversation)
        started = time.perf_counter()
        answer = assistant.ask(item["question"], conversation)
        report.seconds.append(time.perf_counter() - started)
        report.generated += answer.generated
        if answer.fallback:
            report.fallbacks[answer.fallback] += 1
        kind = item.get("kind", "fact")
        passed = grade(item, answer)
        report.total[kind] += 1
        report.passed[kind] += passed
        hit = None
        if item.get("source"):
            top = answer.passages[:5]
            hit = any(p.chunk.source == item["source"] and holds(p.chunk.text, item["must_include"])
                      for p in top)
            report.retrieval_total += 1
            report.retrieval_hits += hit
        report.results.append({
            "id": item.get("id"), "kind": kind, "question": item["question"],
            "answer": answer.text, "found": answer.found,
            "citations": [c.to_dict() for c in answer.citations],
            "retrieval_hit": hit, "passed": passed, "generated": answer.generated,
            "fallback": answer.fallback, "seconds": round(report.seconds[-1], 3),
        })
    if out is not None:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as handle:
            for row in report.results:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return report
