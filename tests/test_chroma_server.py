"""Chroma server mode: a real `chroma run` on 127.0.0.1, started and stopped by these tests."""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

SMALL = ("id_pp_kek_kawasan_timur_indonesia.md",
         "artikel_kompasiana_2019_daya_saing_klaster_industri_indonesia_timur.md")
ADMIN_PASSWORD = secrets.token_urlsafe(12)  # made per run, never a fixed credential


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            assert process.poll() is None, f"the process serving {url} exited"
            assert time.monotonic() < deadline, f"nothing answered at {url}"
            time.sleep(0.3)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """A real Chroma server on a free loopback port, with its data in a temporary folder."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
    folder = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    with open(folder / "server.log", "wb") as log:
        server = subprocess.Popen(
            [chroma, "run", "--path", str(folder / "data"), "--host", "127.0.0.1",
             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{url}/api/v2/heartbeat", server, 60)
        yield url
    finally:
        _stop(server)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory, shared_corpus) -> Path:
    corpus = tmp_path_factory.mktemp("small-corpus")
    for name in SMALL:
        shutil.copy(shared_corpus / name, corpus / name)
    return corpus


@pytest.mark.slow  # subprocesses or a refit: seconds, not milliseconds
def test_no_server_listening_is_one_clear_line(tmp_path):
    url = f"http://127.0.0.1:{_free_port()}"
    done = subprocess.run([sys.executable, "-m", "assistant", "ask", "Berapa luas KEK Bitung?",
                           "--index", str(tmp_path / "index"), "--chroma-url", url],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith(
        f"klaster: error: cannot reach the Chroma server at {url}")
    assert "chroma run" in lines[0] and "Traceback" not in done.stderr


@pytest.mark.slow
def test_server_answers_golden_questions_like_the_on_disk_index(
        chroma_server, small_corpus, golden_file, tmp_path):
    from assistant.config import load_settings
    from assistant.evaluate import grade, load_items
    from assistant.service import Assistant

    items = [i for i in load_items(golden_file) if i.get("source") in SMALL]
    assert len(items) >= 5
    on_disk = Assistant(load_settings(index=tmp_path / "disk", corpus=small_corpus))
    served = Assistant(load_settings(index=tmp_path / "served", corpus=small_corpus,
                                     chroma_url=chroma_server), embedder=on_disk.embedder)
    for assistant in (on_disk, served):
        report = assistant.ingest([small_corpus], progress=False)
        assert sorted(report.added) == sorted(SMALL) and not report.failed
    assert served.store.count() == on_disk.store.count()
    assert not (tmp_path / "served" / "chroma.sqlite3").exists()  # the vectors are on the server
    for item in items:
        a, b = (x.ask(item["question"]) for x in (on_disk, served))
        assert b.text == a.text and b.to_dict() == a.to_dict(), item["id"]
        if item["id"] in ("pub-11", "pub-12"):  # the KEK areas; others need the whole corpus
            assert grade(item, b) and b.citations[0].source == SMALL[0], item["id"]


def _serve(index: Path, corpus: Path, url: str, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "KLASTER_INDEX": str(index), "KLASTER_CORPUS": str(corpus),
           "KLASTER_CHROMA_URL": url, "KLASTER_ADMIN_USER": "pengelola",
           "KLASTER_ADMIN_PASSWORD": ADMIN_PASSWORD}
    with open(log, "wb") as handle:
        return subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)],
                                env=env, stdout=handle, stderr=subprocess.STDOUT)


def _asked(client, question: str) -> str:
    _, history, *_ = client.predict(question, [], [], [], [], "id", api_name="/ask")
    content = history[-1]["content"]
    if isinstance(content, list):
        content = " ".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content)


@pytest.mark.slow
def test_an_upload_through_one_app_is_answerable_through_another(chroma_server, shared_corpus,
                                                                  tmp_path):
    from gradio_client import Client, handle_file

    corpus, index = tmp_path / "corpus", tmp_path / "shared-index"
    corpus.mkdir()
    shutil.copy(shared_corpus / SMALL[1], corpus / SMALL[1])
    ports = _free_port(), _free_port()
    first = _serve(index, corpus, chroma_server, ports[0], tmp_path / "first.log")
    second = None
    try:
        _wait_for(f"http://127.0.0.1:{ports[0]}/", first, 240)
        second = _serve(index, corpus, chroma_server, ports[1], tmp_path / "second.log")
        _wait_for(f"http://127.0.0.1:{ports[1]}/", second, 240)
        other = Client(f"http://127.0.0.1:{ports[1]}/", verbose=False)
        question = "Berapa perajin klaster rotan Palu?"
        assert "37 perajin" not in _asked(other, question)

        admin = Client(f"http://127.0.0.1:{ports[0]}/admin/", auth=("pengelola", ADMIN_PASSWORD),
                       verbose=False)
        note = tmp_path / "notulen rapat.md"
        note.write_text("# Notulen\n\nKlaster rotan Palu melibatkan 37 perajin pada tahun 2024.\n")
        table, _, log = admin.predict([handle_file(str(note))], api_name="/ingest")
        deadline = time.monotonic() + 240  # uploads are ingested in the background
        while "selesai / done" not in log and time.monotonic() < deadline:
            time.sleep(0.5)
            table, _, log = admin.predict(api_name="/status")
        assert "notulen_rapat.md" in json.dumps(table) and "1 added" in log
        assert "37 perajin" in _asked(other, question)
    finally:
        for process in (first, second):
            if process is not None:
                _stop(process)
