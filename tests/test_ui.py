"""The real Gradio app over a real assistant: API calls with gradio_client and a headless browser."""

import json
import os
import secrets
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

SHARED_FILES = ("id_pp_kek_kawasan_timur_indonesia.md",
                "artikel_kompasiana_2019_daya_saing_klaster_industri_indonesia_timur.md")
HOSTILE = ("# Dokumen Uji Keamanan\n\nDokumen ini adalah uji. Teks berbahaya <script>alert(1)</script> "
           "dan <img src=x onerror=alert(2)> dan ![piksel](http://198.51.100.7/p.png) dan "
           "[klik](http://198.51.100.7/) harus tampil sebagai teks. "
           "Klaster uji adalah kumpulan 12 industri kecil <img src=x onerror=alert(3)> "
           "di kota Contoh.\n")
CHROMIUM = "/usr/bin/chromium"
ADMIN_PASSWORD = secrets.token_urlsafe(12)  # made per run, never a fixed credential


@pytest.fixture(scope="module")
def small_assistant(tmp_path_factory, shared_corpus):
    from assistant.config import load_settings
    from assistant.service import Assistant

    corpus = tmp_path_factory.mktemp("corpus")
    for name in SHARED_FILES:
        shutil.copy(shared_corpus / name, corpus / name)
    (corpus / "uji_keamanan.md").write_text(HOSTILE, encoding="utf-8")
    index = tmp_path_factory.mktemp("ui-index")
    assistant = Assistant(load_settings(index=index, corpus=corpus, admin_user="pengelola",
                                        admin_password=ADMIN_PASSWORD))
    report = assistant.ingest([corpus], progress=False)
    assert len(report.added) == 3 and not report.failed
    return assistant


@pytest.fixture(scope="module")
def server(small_assistant):
    """The real web app (public at /, admin at /admin) on a free loopback port."""
    import uvicorn

    from assistant.ui import make_server

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(make_server(small_assistant), host="127.0.0.1", port=port,
                            log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.1)
    assert running.started, "the server did not start"
    yield f"http://127.0.0.1:{port}/"
    running.should_exit = True
    thread.join(timeout=15)


def _last(history: list) -> str:
    content = history[-1]["content"]
    if isinstance(content, list):  # Gradio 6 may give a list of blocks
        content = " ".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content)


@pytest.mark.slow
def test_ask_follow_up_feedback_and_export(server, small_assistant):
    from gradio_client import Client

    client = Client(server, verbose=False)
    _, history, sources, *_ = client.predict("Berapa luas KEK Bitung?", [], [], [], [], "id",
                                             api_name="/ask")
    text = _last(history)
    assert "534" in text and "[1]" in text and "<a" not in text
    assert 'id="k-src-0-1"' in sources and "KEK Bitung" in sources and "<mark>" in sources
    _, history, sources, *follow = client.predict("Di kecamatan mana letaknya?", [], [], [], [],
                                                  "id", api_name="/ask")
    # card ids follow the chat's answers; this API caller sent an empty history
    assert "Matuari" in _last(history) and 'id="k-src-0-1"' in sources
    client.predict("jelas sekali", api_name="/vote_up")
    entry = json.loads((Path(small_assistant.settings.index) / "feedback.jsonl")
                       .read_text(encoding="utf-8").splitlines()[-1])
    assert entry["vote"] == "up" and entry["comment"] == "jelas sekali"
    assert entry["question"] == "Di kecamatan mana letaknya?" and entry["citations"]
    result = client.predict(api_name="/export")  # the files, shown by an update
    paths = result["value"] if isinstance(result, dict) else result
    paths = [p if isinstance(p, str) else p.get("path", p.get("name")) for p in paths]
    assert [Path(p).suffix for p in paths] == [".md", ".docx"]
    exported = Path(paths[0]).read_text(encoding="utf-8")
    assert "## 1. Berapa luas KEK Bitung?" in exported and "## 2. Di kecamatan" in exported
    assert "534" in exported and "[1] PP KEK" in exported


@pytest.mark.slow
def test_not_found_filters_and_escaping(server):
    from gradio_client import Client

    client = Client(server, verbose=False)
    _, history, sources, *_ = client.predict("Siapa pemenang Piala Dunia 2018?", [], [], [], [],
                                             "id", api_name="/ask")
    assert "Tidak ditemukan dalam dokumen" in _last(history)
    assert "Terkait, bukan jawaban" in sources and "k-src-" not in sources.replace("k-src k-", "")
    only_article = [SHARED_FILES[1]]
    _, history, *_ = client.predict("Berapa luas KEK Bitung?", [], only_article, [], [], "id",
                                    api_name="/ask")
    assert "534" not in _last(history)
    history, sources, *_ = client.predict(api_name="/new_conversation")
    assert history == [] and "k-src" not in sources
    _, history, sources, *_ = client.predict("Apa yang dimaksud dengan klaster uji?", [], [], [],
                                             [], "id", api_name="/ask")
    assert "kumpulan 12 industri kecil" in _last(history)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sources and "<script>" not in sources
    assert "<img" not in sources


@pytest.mark.slow
def test_workshop_and_terms_from_the_corpus(small_assistant):
    shop = small_assistant.workshop("KEK Bitung")
    fact = next(f for f in shop.facts if "534" in f.text)
    assert "Bitung" in shop.sources[fact.source - 1].location
    assert any(q.answer == "534 ha" for q in shop.quiz) or "534 ha" in fact.text
    terms = small_assistant.terms()
    assert list(terms)[0] == "klaster industri" and "klaster uji" in terms


@pytest.mark.slow
def test_admin_page_needs_login_and_manages_documents(server, tmp_path):
    from gradio_client import Client, handle_file

    with pytest.raises(Exception, match="credentials|login|401"):
        Client(server + "admin/", verbose=False)
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do
        Client(server + "admin/", auth=("pengelola", "salah"), verbose=False)
    admin = Client(server + "admin/", auth=("pengelola", ADMIN_PASSWORD), verbose=False)
    note = tmp_path / "notulen rapat.md"
    note.write_text("# Notulen\n\nKlaster rotan Palu melibatkan 37 perajin pada tahun 2024.\n")
    junk = tmp_path / "rusak.pdf"
    junk.write_bytes(b"%PDF-1.4 not really")
    _, _, log = admin.predict([handle_file(str(note)), handle_file(str(junk))],
                              api_name="/ingest")
    assert "ingesting" in log or "queued" in log or "done" in log  # runs in the background
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        table, _, log = admin.predict(api_name="/status")
        if "selesai / done" in log:
            break
        time.sleep(0.5)
    assert "notulen_rapat.md" in json.dumps(table) and "failed: rusak.pdf" in log
    public = Client(server, verbose=False)
    _, history, *_ = public.predict("Berapa perajin klaster rotan Palu?", [], [], [], [], "id",
                                    api_name="/ask")
    assert "37 perajin" in _last(history)
    table, _, log = admin.predict("notulen_rapat.md", api_name="/remove")
    assert "notulen_rapat.md" not in json.dumps(table) and "removed" in log
    public.predict(api_name="/new_conversation")
    _, history, *_ = public.predict("Berapa perajin klaster rotan Palu?", [], [], [], [], "id",
                                    api_name="/ask")
    assert "37 perajin" not in _last(history)


@pytest.mark.slow
def test_uploads_are_checked_and_removable(small_assistant, tmp_path):
    from assistant.service import Assistant

    assert Assistant.safe_name("../../etc/passwd") == "passwd"
    assert Assistant.safe_name("..\\a b<>.md") == "a_b_.md" and Assistant.safe_name("..") == ""
    good = tmp_path / "catatan baru.md"
    good.write_text("# Catatan\n\nSentra uji adalah tempat 7 usaha kecil berkumpul.\n")
    binary = tmp_path / "gambar.md"
    binary.write_bytes(b"")
    wrong = tmp_path / "program.exe"
    wrong.write_bytes(b"MZ" * 50)
    report = small_assistant.add_files([good, binary, wrong])
    assert report.added == ["catatan_baru.md"]
    assert {name for name, _ in report.failed} == {"gambar.md", "program.exe"}
    assert (Path(small_assistant.settings.corpus) / "catatan_baru.md").is_file()
    assert small_assistant.remove_document("catatan_baru.md")
    assert "catatan_baru.md" not in {d["source"] for d in small_assistant.documents()}
    assert not any(c.source == "catatan_baru.md" for c in small_assistant.retriever.chunks.values())


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                    reason="needs Debian chromium (apt-get install chromium); never skipped in CI")
def test_browser_citation_export_and_no_script(server, small_assistant, tmp_path):
    from playwright.sync_api import sync_playwright

    fresh = tmp_path / "catatan_segar.md"  # added after the app was built
    fresh.write_text("# Catatan\n\nKlaster segar adalah kelompok uji yang ditambahkan kemudian.\n")
    assert small_assistant.add_files([fresh]).added == ["catatan_segar.md"]

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update"])
        page = browser.new_page(accept_downloads=True, viewport={"width": 1400, "height": 1000})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        requested: list[str] = []  # every URL the page asks for, to prove none leaves the host
        page.on("request", lambda r: requested.append(r.url))
        page.goto(server)
        page.fill("#k-box textarea", "Berapa luas KEK Bitung?")
        page.press("#k-box textarea", "Enter")
        page.wait_for_selector("#k-chat a.k-cite", timeout=30_000)
        page.click("#k-chat a.k-cite")
        active = page.wait_for_selector("#k-sources .k-active", timeout=5_000)
        assert "534" in active.inner_text() and "Pasal 1" in active.inner_text()
        assert active.query_selector("mark") is not None
        assert page.locator(".k-follow:visible").count() >= 2
        page.screenshot(path=str(tmp_path / "klaster.png"), full_page=True)
        page.click("#k-new")  # a new topic; the follow-up resolver would carry "KEK Bitung" over
        page.wait_for_selector("#k-sources .k-src", state="detached", timeout=10_000)
        page.fill("#k-box textarea", "Teks berbahaya apa yang harus tampil sebagai teks?")
        page.press("#k-box textarea", "Enter")
        page.wait_for_selector("#k-sources #k-src-0-1", timeout=30_000)
        chat_text = page.inner_text("#k-chat")
        assert "<script>alert(1)</script>" in chat_text
        assert "![piksel](http" in chat_text and "[klik](http" in chat_text  # shown as text
        assert page.locator("#k-chat a[href*='198.51.100.7']").count() == 0
        page.fill("#k-box textarea", "Apa ini ![q](http://198.51.100.8/q.png) [x](http://198.51.100.8)?")
        page.press("#k-box textarea", "Enter")
        page.wait_for_selector("#k-chat >> text=![q](http", timeout=30_000)
        assert "<img src=x onerror=alert(2)>" in page.inner_text("#k-sources")
        page.click("#k-export")
        link = page.wait_for_selector("#k-file a", timeout=15_000)
        with page.expect_download() as info:
            link.click()
        saved = tmp_path / "chat.md"
        info.value.save_as(saved)
        assert "<script>alert(1)</script>" in saved.read_text(encoding="utf-8")
        page.get_by_role("tab", name="Mahasiswa").click()
        assert "<img src=x onerror=alert(3)>" in page.inner_text("body")
        assert "klaster segar" in page.inner_text("body")  # the page shows today's glossary
        page.get_by_role("tab", name="Dokumen").click()
        page.get_by_text("catatan_segar.md", exact=True).first.wait_for(timeout=5_000)
        page.get_by_role("tab", name="Mahasiswa").click()
        page.get_by_text("klaster industri", exact=True).first.click()
        page.wait_for_selector("#k-chat >> text=Apa yang dimaksud dengan klaster industri?",
                               timeout=30_000)
        page.get_by_label("English").check()
        page.wait_for_selector("#k-send >> text=Send", timeout=5_000)
        page.wait_for_timeout(300)
        assert dialogs == [] and page.evaluate("document.querySelectorAll('img[src=x]').length") == 0
        assert page.locator("a[href*='198.51.100'], img[src*='198.51.100']").count() == 0
        browser.close()
    from urllib.parse import urlparse

    hosts = {urlparse(u).hostname for u in requested if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert requested and hosts == {"127.0.0.1"}, hosts
    assert small_assistant.remove_document("catatan_segar.md")
    assert (tmp_path / "klaster.png").stat().st_size > 10_000
