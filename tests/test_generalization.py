"""Answers do not depend on how big the index is: the article's golden questions over the
shipped sample corpus alone, and over the shared documents with synthetic distractors."""

import json
import random

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.eval]


def _article_items(golden_file):
    items = [json.loads(line) for line in golden_file.read_text().splitlines() if line.strip()]
    return [i for i in items if (i.get("source") or "").startswith("artikel")
            or i["kind"] == "out_of_scope"]


def test_article_questions_over_the_shipped_sample_corpus(tmp_path, golden_file):
    from pathlib import Path

    from assistant.config import load_settings
    from assistant.evaluate import evaluate
    from assistant.service import Assistant

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    assistant = Assistant(load_settings(index=tmp_path / "index", corpus=corpus))
    assistant.ingest([corpus], progress=False)
    report = evaluate(assistant, _article_items(golden_file))
    assert report.passed["out_of_scope"] == report.total["out_of_scope"] == 4, report.summary()
    assert report.score >= 9, report.summary()  # of 10: one article question is still missed


@pytest.mark.scale
def test_article_questions_with_a_thousand_distractor_chunks(tmp_path, golden_file,
                                                               shared_corpus):
    """The shared documents plus 1,000 one-sentence chunks recombined from their sentences."""
    from assistant.chunking import split_sentences
    from assistant.config import load_settings
    from assistant.evaluate import evaluate
    from assistant.loaders import load
    from assistant.service import Assistant

    pool = sorted({s for path in sorted(shared_corpus.glob("*.md"))
                   for part in load(path).parts for s in split_sentences(part.text)
                   if 60 <= len(s) <= 240})
    rng = random.Random(7)
    distractors = tmp_path / "distractors"
    distractors.mkdir()
    for number in range(10):  # 10 files of 100 sections; each section is one chunk
        lines = [f"# Laporan Pembanding {number + 1}", ""]
        for section in range(100):
            lines += [f"## Bagian {section + 1}", "", rng.choice(pool), ""]
        (distractors / f"pembanding_{number + 1:02d}.md").write_text("\n".join(lines))
    assistant = Assistant(load_settings(index=tmp_path / "index", corpus=shared_corpus))
    report = assistant.ingest([shared_corpus, distractors], progress=False)
    assert not report.failed and assistant.store.count() >= 1500
    result = evaluate(assistant, _article_items(golden_file))
    # measured: 8/10 with 2,000 distractors (one near-topic out-of-scope question answered)
    assert result.passed["out_of_scope"] >= 3, result.summary()
    assert result.score >= 8, result.summary()
