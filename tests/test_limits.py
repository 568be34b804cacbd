"""Limits for strangers and answers under load, on the real web app over the real model.

The server binds 127.0.0.1 on a free port and is stopped by the fixture.
"""

import os
import secrets
import shutil
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SHARED_FILES = ("id_pp_kek_kawasan_timur_indonesia.md",
                "artikel_kompasiana_2019_daya_saing_klaster_industri_indonesia_timur.md")
QUESTIONS = ("Berapa luas KEK Bitung?", "Di mana letak KEK Palu?",
             "Apa yang dimaksud dengan klaster industri?", "Berapa luas KEK Sorong?")
PASSWORD = secrets.token_urlsafe(12)
THINK = (5.0, 25.0)  # seconds a person takes to read an answer and type the next question
# Issue 7: twenty sessions' answers within 2x the same questions asked alone, at p50 and p95.
# Alone is one person pausing ALONE_THINK seconds, so the server idles between questions as it
# does between twenty people's (a question every 0.75 s on average): the two runs differ only
# in answers overlapping. Times are read off Gradio's event stream as a page reads it.
# Measured on 2 cores (eight runs): alone p50 0.06-0.11 s / p95 0.09-0.16 s; paced p95 at
# 1.06-1.78x alone's. (gradio_client, used before, polls for messages every 50 ms, more than
# an answer takes, which made both times steps of 50 ms and the ratio 1.0-2.5x.)
ALONE_THINK = (0.5, 1.0)
PACED = 2.0  # at p50
PACED_P95 = 2.0  # at p95
BUSY_P95 = 40  # p95 of a burst of 20 simultaneous questions, in single answers (measured 21-23x)
DURING_P95 = 30.0  # seconds, while an upload is ingested (measured 13.7 s; issue 7 saw 47 s)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory, shared_corpus):
    """The real app with small login limits, over two shared documents."""
    import uvicorn

    from assistant.config import load_settings
    from assistant.service import Assistant
    from assistant.ui import make_server

    corpus = tmp_path_factory.mktemp("corpus")
    for name in SHARED_FILES:
        shutil.copy(shared_corpus / name, corpus / name)
    settings = load_settings(index=tmp_path_factory.mktemp("index"), corpus=corpus,
                             admin_user="pengelola", admin_password=PASSWORD, login_attempts=3,
                             login_lockout_seconds=60, login_delay_seconds=0.3,
                             max_question_chars=500, max_comment_chars=100)
    assistant = Assistant(settings)
    assistant.ingest([corpus], progress=False)
    assistant.ask("KEK")  # model and keyword index loaded, as `klaster serve` does
    web = make_server(assistant)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(web, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server.started
    yield {"url": f"http://127.0.0.1:{port}/", "assistant": assistant,
           "scratch": web.state.scratch.root}
    server.should_exit = True
    thread.join(timeout=15)


def _last(history: list) -> str:
    content = history[-1]["content"]
    if isinstance(content, list):
        content = " ".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content)


def _ask(client, question: str) -> tuple[float, str]:
    started = time.perf_counter()
    _, history, *_ = client.predict(question, [], [], [], [], "id", api_name="/ask")
    return time.perf_counter() - started, _last(history)


_LOAD = """
import json, random, sys, threading, time
import httpx
url, sessions, questions = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
asks, think = json.loads(sys.argv[4]), json.loads(sys.argv[5])
clients = [httpx.Client(base_url=url, timeout=120) for _ in range(sessions)]
times, empty = [], []
start = threading.Barrier(sessions)
def ask(client, question):
    # Gradio's own API as a page uses it: submit, then read the event stream as it comes
    # (gradio_client polls for messages every 50 ms, longer than an answer takes here)
    began = time.perf_counter()
    posted = client.post("gradio_api/call/ask", json={"data": [question, [], [], [], [], "id"]})
    posted.raise_for_status()
    event, data = None, None
    with client.stream("GET", "gradio_api/call/ask/" + posted.json()["event_id"]) as stream:
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                data = json.loads(line[5:]) if event == "complete" else None
                break
    return time.perf_counter() - began, data
def session(n):
    pause = random.Random(n)
    ask(clients[n], asks[n % len(asks)])  # the connection is open, as a loaded page's is
    start.wait()
    for q in range(questions):
        if think:  # a person reads the answer and types the next question
            time.sleep(pause.uniform(0, think[1]) if q == 0 else pause.uniform(*think))
        seconds, data = ask(clients[n], asks[(n + q) % len(asks)])
        times.append(seconds)
        empty.extend([] if data and data[1][-1]["content"] else [n])
threads = [threading.Thread(target=session, args=(n,)) for n in range(sessions)]
[t.start() for t in threads]
[t.join() for t in threads]
print(json.dumps({"times": times, "empty": empty}))
"""


def _load(url: str, sessions: int, questions: int,
          think: tuple[float, float] | None = None) -> list[float]:
    """``sessions`` clients (in their own process, so they do not take the server's
    interpreter), each asking ``questions`` in turn, all at once (``think`` None: a burst) or
    pausing ``think`` seconds (uniform) before each question as people do; every answer's
    seconds."""
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _LOAD, url, str(sessions), str(questions),
                           json.dumps(QUESTIONS), json.dumps(think)], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert not result["empty"] and len(result["times"]) == sessions * questions
    return result["times"]


def _p(times: list[float], q: float) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[int(q) - 1]


def test_twenty_sessions_alone_and_during_an_ingest(site, tmp_path):
    from gradio_client import Client, handle_file

    # each question three times, one at a time
    alone = _load(site["url"], 1, 3 * len(QUESTIONS), ALONE_THINK)
    one = statistics.median(alone)
    # Twenty people in a chat: each reads the answer and types the next question (THINK s);
    # two questions each (forty answers per load) keep CI within its twenty minutes
    paced = _load(site["url"], 20, 2, THINK)
    burst = _load(site["url"], 20, 2)  # all twenty press Enter at the same instant
    admin = Client(site["url"] + "admin/", auth=("pengelola", PASSWORD), verbose=False)
    # A long run of capitals (issue 7: 40 KB froze the server) and a large text, ingested in
    # the background while the public keeps asking.
    (tmp_path / "huruf.txt").write_text("A" * 40_000 + " Kawasan Ekonomi Khusus (KEK).")
    (tmp_path / "besar.txt").write_text("Kawasan uji nomor satu memiliki lahan luas. " * 10_000)
    admin.predict([handle_file(str(tmp_path / "huruf.txt")),
                   handle_file(str(tmp_path / "besar.txt"))], api_name="/ingest")
    job = site["assistant"].job
    assert job.state == "running"  # the questions below are asked while it embeds
    began = time.monotonic()
    during = _load(site["url"], 20, 2, THINK)
    loaded = time.monotonic() - began
    assert job.finished.wait(600) and job.state == "done", job.status()
    assert sorted(job.report.added) == ["besar.txt", "huruf.txt"]
    print(f"\nalone p50 {one:.2f} s p95 {_p(alone, 95):.2f} s; "
          f"20 sessions paced p50 {statistics.median(paced):.2f} "
          f"p95 {_p(paced, 95):.2f} s; burst p50 {statistics.median(burst):.2f} "
          f"p95 {_p(burst, 95):.2f} s; paced during ingest ({job.report.seconds:.0f} s, "
          f"{job.report.chunks_embedded} chunks) p50 {statistics.median(during):.2f} "
          f"p95 {_p(during, 95):.2f} s over {loaded:.0f} s")
    assert statistics.median(paced) <= PACED * one, (one, statistics.median(paced))
    assert _p(paced, 95) <= PACED_P95 * _p(alone, 95), (_p(alone, 95), _p(paced, 95))
    # A burst of twenty on two cores must queue (20 x one answer / 2 cores at best); it must
    # not freeze, and neither may the chat while an upload is embedded.
    assert _p(burst, 95) <= BUSY_P95 * one, (one, _p(burst, 95))
    assert _p(during, 95) <= DURING_P95, (one, _p(during, 95))
    Client(site["url"], verbose=False)  # the page still loads after the swap
    seconds, text = _ask(Client(site["url"], verbose=False), "Berapa luas KEK Bitung?")
    assert "534" in text and seconds < 10


def test_question_and_comment_lengths_are_limited(site):
    from gradio_client import Client

    client = Client(site["url"], verbose=False)
    seconds, text = _ask(client, "kawasan " * 2000)
    assert "too long" in text and "at most 500" in text and seconds < 5
    _ask(client, "Berapa luas KEK Bitung?")
    status, comment = client.predict("x" * 101, api_name="/vote_down")
    assert "comment is too long" in status
    feedback = Path(site["assistant"].settings.index) / "feedback.jsonl"
    assert not feedback.exists() or "x" * 101 not in feedback.read_text()
    status, _ = client.predict("x" * 100, api_name="/vote_down")
    assert "Terima kasih" in status and "x" * 100 in feedback.read_text()


def test_anonymous_upload_is_refused_and_nothing_is_stored(site):
    import httpx

    ours = [Path(site["scratch"]), Path(os.environ["GRADIO_TEMP_DIR"])]
    before = [sorted(folder.rglob("*")) for folder in ours]
    start = time.time() - 1
    response = httpx.post(site["url"] + "gradio_api/upload",
                          files={"files": ("x.md", b"A" * 5_000_000)})
    assert response.status_code == 403
    assert [sorted(folder.rglob("*")) for folder in ours] == before
    # nor anywhere else in the temporary folder (which other processes share: only a file as
    # large as the upload, written since, would be it)
    assert not _written_since(Path(tempfile.gettempdir()), start, 5_000_000)


def _written_since(root: Path, start: float, size: int) -> list[Path]:
    """Files under ``root`` of at least ``size`` bytes modified after ``start``."""
    found = []
    for folder, _, names in os.walk(root):  # os.walk skips folders removed meanwhile
        for name in names:
            path = Path(folder) / name
            try:
                stat = path.stat()
            except OSError:  # removed meanwhile by another process
                continue
            if stat.st_mtime >= start and stat.st_size >= size:
                found.append(path)
    return found


def test_exports_leave_no_folders_behind(site):
    from gradio_client import Client

    client = Client(site["url"], verbose=False)
    _ask(client, "Berapa luas KEK Bitung?")
    for _ in range(3):
        result = client.predict(api_name="/export")  # the .md and the .docx
        paths = result["value"] if isinstance(result, dict) else result
        path = paths[0] if isinstance(paths[0], str) else paths[0].get("path", paths[0]["name"])
        assert "534" in Path(path).read_text(encoding="utf-8")
    client.predict("KEK Bitung", "id", api_name="/workshop")
    scratch = site["scratch"]
    folders = list(scratch.iterdir())
    assert 1 <= len(folders) <= 4  # one per download, removed once older than ten minutes
    import os

    for folder in folders:  # age them: the next download removes them
        os.utime(folder, (time.time() - 3600, time.time() - 3600))
    client.predict(api_name="/export")
    assert len(list(scratch.iterdir())) == 1


def test_failed_logins_are_delayed_then_locked_out(site):
    import httpx

    url = site["url"] + "admin/login"
    started = time.perf_counter()
    for _ in range(3):
        wrong = httpx.post(url, data={"username": "pengelola", "password": "salah"})
        assert wrong.status_code == 400
    assert time.perf_counter() - started >= 3 * 0.3
    locked = httpx.post(url, data={"username": "pengelola", "password": PASSWORD})
    assert locked.status_code == 429 and "too many failed logins" in locked.text
    assert int(locked.headers["Retry-After"]) > 0
