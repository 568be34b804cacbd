"""The command layer: exit codes, one-line errors, the terminal answer format; `python -m
assistant` is the same command."""

import subprocess
import sys

import pytest

from assistant.cli import PARTIAL, format_answer, main
from assistant.documents import Answer, Citation


def test_asking_an_empty_index_is_one_line_and_status_1(tmp_path, capsys):
    assert main(["ask", "Berapa luas KEK Bitung?", "--index", str(tmp_path / "index")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("klaster: error: the index at") and "klaster ingest" in err
    assert "\n" not in err


def test_wrong_usage_is_status_2(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["ask"])
    assert stopped.value.code == 2 and "question" in capsys.readouterr().err


def test_ingest_of_a_bad_file_beside_a_good_one_is_partial(tmp_path, capsys, monkeypatch):
    from assistant.embeddings import HashEmbedder
    from assistant.service import Assistant

    monkeypatch.setattr(Assistant, "embedder", property(lambda self: HashEmbedder()))
    (tmp_path / "ok.md").write_text("# Catatan\n\nKawasan industri tumbuh di timur Indonesia.\n",
                                    encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 nonsense")
    status = main(["ingest", str(tmp_path), "--index", str(tmp_path / "index"), "--quiet"])
    out, err = capsys.readouterr()
    assert status == PARTIAL and "1 added" in out and "failed: bad.pdf" in out
    assert "1 file(s) skipped" in err


def test_terminal_answers_list_their_sources():
    answer = Answer("Luasnya 534 ha [1].", True, "id",
                    [Citation(1, "pp.md", "PP Contoh", "Pasal 2", "luas 534 ha", "PP 1/2020"),
                     Citation(2, "a.md", "Artikel", "", "x", "Artikel")])
    assert format_answer(answer).splitlines() == [
        "Luasnya 534 ha [1].", "[1] PP 1/2020 · Pasal 2 (pp.md)", "[2] Artikel (a.md)"]


def test_python_dash_m_assistant_is_the_cli():
    shown = subprocess.run([sys.executable, "-m", "assistant", "--help"], capture_output=True,
                           text=True, check=True)
    assert "usage: klaster" in shown.stdout and "ingest" in shown.stdout
