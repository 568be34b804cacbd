"""Feedback votes as JSON lines, and a conversation exported as Markdown with its citations."""

import json

import pytest

from assistant.documents import Answer, Citation
from assistant.feedback import conversation_markdown, record


def test_feedback_is_appended_as_json_lines(tmp_path):
    answer = Answer("Luasnya 534 ha [1].", True, "id",
                    [Citation(1, "pp.md", "PP Contoh", "Pasal 2", "luas 534 ha", "PP 1/2020")])
    record(tmp_path, "Berapa luasnya?", answer, "down", " kurang lengkap ")
    record(tmp_path, "Berapa luasnya?", answer, "up")
    lines = [json.loads(x) for x in (tmp_path / "feedback.jsonl").read_text().splitlines()]
    assert [x["vote"] for x in lines] == ["down", "up"]
    assert lines[0]["comment"] == "kurang lengkap" and lines[0]["citations"][0]["location"] == "Pasal 2"
    assert lines[0]["answer"] == "Luasnya 534 ha [1]." and lines[0]["time"]
    with pytest.raises(ValueError):
        record(tmp_path, "q", answer, "maybe")
    markdown = conversation_markdown([("Berapa luasnya?", answer)])
    assert "## 1. Berapa luasnya?" in markdown
    assert "- [1] PP 1/2020 · Pasal 2 (pp.md): “luas 534 ha”" in markdown
