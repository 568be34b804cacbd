"""Fit the reader's span scorer: features of labelled questions -> logistic weights + threshold.

    python training/fit_reader.py extract --corpus ../shared/corpus --index /tmp/train-index
    python training/fit_reader.py fit        # features.jsonl -> assistant/data/reader_weights.json
    python training/fit_reader.py tune --index /tmp/train-index   # threshold.json, then fit again

``extract`` answers every training question with the real retrieval and writes one row per
candidate span (features, and whether the span holds the question's evidence); ``fit`` reads
those rows only, so the weights file is reproducible from ``training/features.jsonl`` (and
``training/threshold.json``, the refusal threshold ``tune`` chose on the project's question
sets, which are dev data: the weights never see them).
The training questions (``training/questions/*.jsonl``) are kept apart from every evaluation set.
A follow-up's history turns are answered by the reader in ``training/history_weights.json`` (the
weights shipped when the rows were extracted); copy the new weights there when extracting anew.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.answering.scorer import Weights

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "questions"
FEATURES_FILE = HERE / "features.jsonl"
WEIGHTS_FILE = HERE.parent / "assistant" / "data" / "reader_weights.json"
TUNED_FILE = HERE / "threshold.json"
HISTORY_WEIGHTS_FILE = HERE / "history_weights.json"  # the reader that answers history turns
DEV_SETS = HERE.parent / "tests" / "data"


def holds_evidence(quote: str, evidence: str, must_include: list[list[str]]) -> bool:
    """Whether a quoted span gives the labelled answer: it shares most of the evidence's words
    (or lies inside the evidence) and holds one alternative of every must-include group."""
    from assistant.answering.scorer import words_of

    q, e = words_of(quote), words_of(evidence)
    if not q or not e:
        return False
    shared = len(q & e)
    if shared / len(e) < 0.5 and shared / len(q) < 0.8:
        return False
    lowered = quote.lower()
    return all(any(alt.lower() in lowered for alt in group) for group in must_include)


def extract(corpus: Path, index: Path, out: Path = FEATURES_FILE, every: int = 1) -> int:
    """Write feature rows for every training question (every ``every``-th, in file order, for a
    quicker check); returns the number of rows."""
    from assistant.answering import analyze, resolve_followup
    from assistant.answering.scorer import FEATURES, REFUSAL_FEATURES
    from assistant.chain import Conversation, readings
    from assistant.config import load_settings
    from assistant.service import Assistant

    assistant = Assistant(load_settings(index=index, corpus=corpus))
    if assistant.store.count() == 0:
        assistant.ingest([corpus], progress=False)
    reader = assistant.reader
    # the history turns are answered as a fitted reader answers them (what a follow-up's
    # "repeat" feature compares with): the one whose weights were shipped when these rows were
    # extracted, kept in HISTORY_WEIGHTS_FILE so the rows do not depend on the weights fitted
    # from them; a feature that file lacks weighs nothing there
    reader.weights = _weights_by_name(HISTORY_WEIGHTS_FILE, FEATURES, REFUSAL_FEATURES)
    vocab = assistant._vocab()
    items = [json.loads(line) for path in sorted(QUESTIONS.glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][::every]
    rows = 0
    with open(out, "w", encoding="utf-8") as handle:
        for item in items:
            conversation = Conversation()
            for turn in item.get("history") or []:
                assistant.ask(turn, conversation)
            question = analyze(item["question"], acronyms=vocab.acronyms, known=vocab.known,
                               common=vocab.common, names=vocab.names)
            question = resolve_followup(question, conversation.last, conversation.last_sources,
                                        conversation.last_places, conversation.last_quotes)
            reading = readings(question, None, assistant.retriever.sources_named)[0]
            q = reading.question
            passages = assistant.retriever.retrieve(q.query, q.language, assistant.settings.top_k,
                                                    reading.sources, q.subject)
            spans, features = reader.score(q, passages, set(reading.named))
            for span, feature in zip(spans, features, strict=True):
                label = bool(item.get("source")) and span.passage.chunk.source == item["source"] \
                    and holds_evidence(span.quote, item.get("evidence") or "",
                                       item.get("must_include") or [])
                handle.write(json.dumps({"id": item["id"], "label": int(label),
                                         "answerable": bool(item.get("source")),
                                         "x": [round(float(v), 5) for v in feature]}) + "\n")
                rows += 1
            if not spans:
                handle.write(json.dumps({"id": item["id"], "label": 0, "x": None,
                                         "answerable": bool(item.get("source"))}) + "\n")
    return rows


def _weights_by_name(path: Path, features: tuple[str, ...],
                     refusal_features: tuple[str, ...]) -> Weights:
    """A weights file's models over ``features``, by name: 0 for a feature it lacks."""
    from assistant.answering.scorer import Weights

    data = json.loads(path.read_text(encoding="utf-8"))
    rank = dict(zip(data["features"], data["rank"], strict=True))
    refusal = dict(zip([*data["features"], "margin", "spans"], data["refusal"], strict=True))
    return Weights(tuple(rank.get(f, 0.0) for f in features),
                   tuple(refusal.get(f, 0.0) for f in refusal_features),
                   float(data["intercept"]), float(data["threshold"]))


def fit(features: Path = FEATURES_FILE, out: Path = WEIGHTS_FILE, seed: int = 0) -> dict:
    """Fit the span ranker on pairs (a span holding the evidence against one that does not, from
    the same question), then the refusal model on each question's best span, and pick the
    threshold that answers the most training questions right. Writes and returns the record."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from assistant.answering.scorer import FEATURES, REFUSAL_FEATURES, Weights

    rows = [json.loads(line) for line in features.read_text(encoding="utf-8").splitlines()]
    questions: dict[str, list[dict]] = {}
    answerable: dict[str, bool] = {}
    for row in rows:
        answerable[row["id"]] = row["answerable"]
        questions.setdefault(row["id"], [])
        if row["x"] is not None:
            questions[row["id"]].append(row)
    rng = np.random.default_rng(seed)
    pairs, signs = [], []
    for spans in questions.values():
        good = [np.asarray(r["x"]) for r in spans if r["label"]]
        bad = [np.asarray(r["x"]) for r in spans if not r["label"]]
        for g in good:
            for k in rng.permutation(len(bad))[:20]:
                pairs += [g - bad[k], bad[k] - g]
                signs += [1, 0]
    ranker = LogisticRegression(C=1.0, fit_intercept=False, max_iter=5000)
    ranker.fit(np.asarray(pairs), np.asarray(signs))
    rank = tuple(float(c) for c in ranker.coef_[0])
    probe = Weights(rank, (0.0,) * len(REFUSAL_FEATURES), 0.0, 0.5)
    tops, correct = [], []
    for qid, spans in questions.items():
        if not spans:
            continue
        x = np.asarray([r["x"] for r in spans])
        scores = probe.scores(x)
        order = np.argsort(-scores)
        margin = float(scores[order[0]] - scores[order[1]]) if len(order) > 1 else 5.0
        tops.append(np.concatenate([x[order[0]], [min(margin, 5.0), min(len(order), 50) / 50]]))
        correct.append(int(answerable[qid] and spans[order[0]]["label"] == 1))
    refusal = LogisticRegression(C=1.0, max_iter=5000)
    refusal.fit(np.asarray(tops), np.asarray(correct))
    p = refusal.predict_proba(np.asarray(tops))[:, 1]
    empty_right = sum(1 for q, s in questions.items() if not s and not answerable[q])

    def accuracy(threshold: float) -> float:
        answered_right = sum(1 for prob, ok in zip(p, correct, strict=True)
                             if prob >= threshold and ok)
        refused_right = sum(1 for prob, (q, s) in zip(p, ((q, s) for q, s in questions.items()
                                                          if s), strict=True)
                            if prob < threshold and not answerable[q])
        return (answered_right + refused_right + empty_right) / len(questions)

    grid = [round(t, 3) for t in np.arange(0.05, 0.96, 0.01)]
    scores = [accuracy(t) for t in grid]
    best_score = max(scores)
    # the middle of the best plateau, so the threshold is not on a cliff's edge
    plateau = [t for t, s in zip(grid, scores, strict=True) if s == best_score]
    threshold = plateau[len(plateau) // 2]
    training_threshold = threshold
    if TUNED_FILE.exists():  # chosen on the project's question sets by ``tune``
        threshold = json.loads(TUNED_FILE.read_text(encoding="utf-8"))["threshold"]
    record = {
        "features": list(FEATURES),
        "rank": [round(c, 6) for c in rank],
        "refusal": [round(float(c), 6) for c in refusal.coef_[0]],
        "intercept": round(float(refusal.intercept_[0]), 6),
        "threshold": threshold,
        "training": {"questions": len(questions), "spans": sum(map(len, questions.values())),
                     "threshold": training_threshold,
                     "positives": sum(r["label"] for r in rows),
                     "question_accuracy": round(best_score, 4)},
    }
    out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return record


def tune(index: Path, grid: list[float], out: Path = TUNED_FILE) -> dict:
    """Choose the refusal threshold on the project's question sets (``tests/data``: dev data,
    never training data): the grid value answering most of them right. The weights stay those
    fitted on the training questions; only where to refuse is chosen here."""
    from dataclasses import replace

    from assistant.answering.scorer import load_weights
    from assistant.config import load_settings
    from assistant.evaluate import evaluate, load_items
    from assistant.service import Assistant

    assistant = Assistant(load_settings(index=index))
    items = [item for path in sorted(DEV_SETS.glob("*.jsonl")) for item in load_items(path)]
    fitted = load_weights()
    scores: dict[str, int] = {}
    for threshold in grid:
        assistant.reader.weights = replace(fitted, threshold=threshold)
        scores[f"{threshold:.2f}"] = evaluate(assistant, items).score
    best = max(scores.values())
    chosen = [float(t) for t, s in scores.items() if s == best]
    record = {"threshold": chosen[len(chosen) // 2], "questions": len(items), "scores": scores,
              "sets": "tests/data/*.jsonl"}
    out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    ex = sub.add_parser("extract", help="answer the training questions, write feature rows")
    ex.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus")
    ex.add_argument("--index", type=Path, required=True)
    ex.add_argument("--out", type=Path, default=FEATURES_FILE)
    ft = sub.add_parser("fit", help="fit the weights file from the feature rows")
    ft.add_argument("--features", type=Path, default=FEATURES_FILE)
    ft.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    tn = sub.add_parser("tune", help="choose the refusal threshold on the project's sets")
    tn.add_argument("--index", type=Path, required=True)
    tn.add_argument("--grid", type=float, nargs="+", default=[0.25, 0.29, 0.33, 0.37])
    args = parser.parse_args(argv)
    if args.step == "tune":
        print(json.dumps(tune(args.index, args.grid)))
    elif args.step == "extract":
        print(f"{extract(args.corpus, args.index, args.out)} rows -> {args.out}")
    else:
        record = fit(args.features, args.out)
        print(json.dumps(record["training"]), f"threshold {record['threshold']} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(main())
