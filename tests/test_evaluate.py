"""Grading: which answers pass, how graded files are read, and the report's summary."""

import pytest

from assistant.documents import Answer
from assistant.evaluate import EvalError, EvalReport, grade, holds, load_items


def test_every_group_needs_one_alternative():
    assert holds("Luasnya 534 hektare di Matuari", [["534"], ["ha", "hektare"]])
    assert not holds("Luasnya 534", [["534"], ["ha", "hektare"]])


def test_out_of_scope_passes_when_refused_others_when_found_and_complete():
    found = Answer("Luas KEK Bitung 534 ha [1].", True, "id")
    refused = Answer("Tidak ditemukan.", False, "id")
    scoped = {"question": "q", "source": "pp.md", "must_include": [["534"]]}
    assert grade(scoped, found) and not grade(scoped, refused)
    assert not grade({**scoped, "must_include": [["600"]]}, found)
    assert grade({"question": "q", "kind": "out_of_scope"}, refused)
    assert not grade({"question": "q", "kind": "out_of_scope"}, found)


def test_bad_lines_are_named_by_file_and_line(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text('{"question": "a"}\n\nnot json\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"set.jsonl:3: not JSON"):
        load_items(path)
    path.write_text('{"question": "a"}\n{"q": "b"}\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"set.jsonl:2: no 'question' field"):
        load_items(path)


def test_summary_counts_per_kind_and_retrieval():
    report = EvalReport(retrieval_total=4, retrieval_hits=3)
    report.total.update({"factual": 2, "out_of_scope": 1})
    report.passed.update({"factual": 1, "out_of_scope": 1})
    summary = report.summary()
    assert report.score == 2 and "score: 2/3" in summary
    assert "out_of_scope: 1/1" in summary and "retrieval strict hit@5: 3/4 (75%)" in summary
