"""Thin Gradio shell over Assistant: chat, trainers' workshop, students' glossary, documents."""

import html
import time
from pathlib import Path

from .chain import Conversation
from .feedback import conversation_markdown, record
from .limits import LoginLimiter, Scratch, protect
from .render import TEXTS, inert, render_answer, render_sources
from .service import Assistant
from .workshop import to_docx, to_markdown

STREAM_EVERY = 0.2  # seconds between partial updates of a streamed answer
EXAMPLES = {
    "Pejabat / Official": ["Berapa rata-rata kontribusi ekonomi daerah kawasan Indonesia Timur?",
                           "Berapa luas KEK Sorong dan di mana letaknya?"],
    "Pelatih / Trainer": ["Apa saja tahapan pengembangan klaster industri?",
                          "What support is given to small and medium industries?"],
    "Mahasiswa / Student": ["Apa yang dimaksud dengan klaster industri?", "Apa itu OVOP?"],
}
_JS = """
if (!window.__klasterCite) {
  window.__klasterCite = true;
  document.addEventListener('click', (e) => {
    const a = e.target.closest ? e.target.closest('a[href^="#k-src-"]') : null;
    if (!a) return;
    e.preventDefault(); e.stopPropagation();
    const card = document.getElementById(a.getAttribute('href').slice(1));
    document.querySelectorAll('.k-src').forEach((el) => el.classList.remove('k-active'));
    if (!card) return;
    card.open = true; card.classList.add('k-active');
    card.scrollIntoView({block: 'nearest'});
  }, true);
}
"""
_CSS = """.k-src{border:1px solid #ccc;border-radius:6px;padding:6px;margin:6px 0}
.k-active{border:2px solid #d97706;background:#fffbeb} .k-quote{border-left:3px solid #999;
padding-left:8px;margin:6px 0} .k-related{border-style:dashed} mark{background:#fde68a}
.k-passage{white-space:pre-line}"""


_DOC_HEADERS = ["Judul / Title", "Berkas / File", "Potongan / Chunks", "Diindeks / Ingested"]


def _doc_rows(assistant: Assistant) -> list[list]:
    return [[d["title"], d["source"], d["chunks"], d["ingested"]] for d in assistant.documents()]


def _chat_tab(gr, assistant: Assistant, lang, scratch: Scratch):
    docs = assistant.documents()
    conv = gr.State(None)  # a Conversation, made on the first question
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(label="Klaster", height=460, allow_tags=False,
                                 feedback_options=None, elem_id="k-chat")
            box = gr.Textbox(label=TEXTS["id"]["ask"], placeholder="Berapa luas KEK Bitung?",
                             elem_id="k-box", max_length=assistant.settings.max_question_chars)
            with gr.Row():
                send = gr.Button(TEXTS["id"]["send"], variant="primary", elem_id="k-send")
                new = gr.Button(TEXTS["id"]["new"], elem_id="k-new")
                export = gr.Button(TEXTS["id"]["export"], elem_id="k-export")
            follow = [gr.Button(visible=False, size="sm", elem_classes="k-follow")
                      for _ in range(3)]
            with gr.Row():
                up = gr.Button("👍 Membantu / Helpful", size="sm", elem_id="k-up")
                down = gr.Button("👎 Kurang tepat / Not helpful", size="sm", elem_id="k-down")
                comment = gr.Textbox(label=TEXTS["id"]["comment"], scale=3,
                                     max_length=assistant.settings.max_comment_chars)
            status = gr.Markdown()
            exported = gr.File(label="Markdown", elem_id="k-file", visible=False)
            for audience, questions in EXAMPLES.items():
                gr.Examples([[q] for q in questions], inputs=[box], label=audience)
        with gr.Column(scale=2):
            sources = gr.HTML(render_sources([]), elem_id="k-sources", js_on_load=_JS,
                              css_template=_CSS)
            with gr.Accordion("Filter", open=False):
                pick = gr.Dropdown([(d["label"] or d["title"], d["source"]) for d in docs],
                                   multiselect=True, label="Dokumen / Documents")
                kinds = gr.Dropdown(sorted({d["kind"] for d in docs}), multiselect=True,
                                    label="Jenis / Kind")
                years = gr.Dropdown(sorted({str(d["year"]) for d in docs if d["year"]}),
                                    multiselect=True, label="Tahun / Year")

    def respond(message, history, conversation, docs_, kinds_, years_, lang_):
        history = list(history or []) + [{"role": "user", "content": inert(message or "")},
                                          {"role": "assistant", "content": ""}]
        hidden = [gr.update(visible=False)] * 3
        conversation = conversation or Conversation()
        answer, streamed, updated = None, "", 0.0
        try:
            sources = assistant.sources_matching(docs_, kinds_, years_)
            for piece in assistant.stream(message, conversation, sources):
                if not isinstance(piece, str):
                    answer = piece
                    continue
                streamed += piece
                if time.monotonic() - updated > STREAM_EVERY:  # each update costs a render
                    updated = time.monotonic()
                    history[-1]["content"] = inert(streamed)
                    yield "", history, conversation, gr.update(), *hidden
        except ValueError as exc:
            history[-1]["content"] = f"⚠️ {html.escape(str(exc))}"
            yield "", history, conversation, gr.update(), *hidden
            return
        assert answer is not None  # the stream always ends with the answer
        # the guard's verdict: the streamed text stays, or the extractive answer replaces it
        history[-1]["content"] = render_answer(answer, len(conversation.turns) - 1, lang_)
        asks = assistant.suggestions(answer)
        shown = [gr.update(value=q, visible=True) for q in asks]
        yield ("", history, conversation, render_sources(conversation.turns, lang_),
               *(shown + hidden)[:3])

    def reset(conversation, lang_):
        conversation = Conversation()
        return [], conversation, render_sources([], lang_), *[gr.update(visible=False)] * 3

    def vote(kind, conversation, text, lang_):
        if not conversation or not conversation.turns:
            return gr.update(), text
        question, answer = conversation.turns[-1]
        try:
            record(assistant.settings.index, question, answer, kind, text or "",
                   limit=assistant.settings.max_comment_chars)
        except ValueError as exc:
            return f"⚠️ {html.escape(str(exc))}", text
        return TEXTS[lang_]["thanks"], ""

    def save(conversation):
        folder = scratch.folder()
        path = folder / "klaster-percakapan.md"
        turns = conversation.turns if conversation else []
        path.write_text(conversation_markdown(turns), encoding="utf-8")
        return gr.File(value=str(path), visible=True)

    chat_in = [box, chatbot, conv, pick, kinds, years, lang]
    chat_out = [box, chatbot, conv, sources, *follow]
    box.submit(respond, chat_in, chat_out, api_name="ask")
    send.click(respond, chat_in, chat_out, api_name=False)
    for button in follow:
        button.click(respond, [button, *chat_in[1:]], chat_out, api_name=False)
    new.click(reset, [conv, lang], [chatbot, conv, sources, *follow], api_name="new_conversation")
    up.click(lambda c, t, lg: vote("up", c, t, lg), [conv, comment, lang], [status, comment],
             api_name="vote_up")
    down.click(lambda c, t, lg: vote("down", c, t, lg), [conv, comment, lang], [status, comment],
               api_name="vote_down")
    export.click(save, [conv], [exported], api_name="export")
    def current_filters():
        docs = assistant.documents()  # an admin may have changed them since start-up
        return (gr.Dropdown(choices=[(d["label"] or d["title"], d["source"]) for d in docs]),
                gr.Dropdown(choices=sorted({d["kind"] for d in docs})),
                gr.Dropdown(choices=sorted({str(d["year"]) for d in docs if d["year"]})))

    return {"box": box, "send": send, "new": new, "export": export, "chat_in": chat_in,
            "chat_out": chat_out, "respond": respond, "filters": [pick, kinds, years],
            "current_filters": current_filters}


def _trainer_tab(gr, assistant: Assistant, scratch: Scratch) -> None:
    topic = gr.Textbox(label="Topik lokakarya / Workshop topic", placeholder="KEK Bitung")
    make = gr.Button("Susun materi / Build material", variant="primary")
    text = gr.Markdown()
    files = gr.File(label="Unduh / Download (.md, .docx)", file_count="multiple")

    def build(subject: str):
        try:
            shop = assistant.workshop(subject)
        except ValueError as exc:
            return f"⚠️ {html.escape(str(exc))}", None
        markdown = to_markdown(shop)
        folder = scratch.folder()
        (folder / "lokakarya.md").write_text(markdown, encoding="utf-8")
        docx = to_docx(shop, folder / "lokakarya.docx")
        return inert(markdown, quote=False), [str(folder / "lokakarya.md"), str(docx)]

    make.click(build, [topic], [text, files], api_name="workshop")
    topic.submit(build, [topic], [text, files], api_name=False)


def _glossary_html(terms: dict) -> str:
    return "".join(
        f"<p><b>{html.escape(term)}</b>: {html.escape(sentence)} <i>— "
        f"{html.escape(chunk.header)} ({html.escape(chunk.source)})</i></p>"
        for term, (chunk, sentence) in terms.items())


def _student_tab(gr, assistant: Assistant, tabs, chat: dict):
    terms = assistant.terms()
    gr.Markdown("Klik istilah untuk bertanya di tab Tanya / Click a term to ask about it.")
    table = gr.Dataset(components=[gr.Textbox(visible=False)], samples=[[t] for t in terms],
                       label="Istilah / Terms", samples_per_page=30)
    listing = gr.HTML(_glossary_html(terms))

    def pick(sample):
        term = sample[0] if isinstance(sample, list | tuple) else sample
        return f"Apa yang dimaksud dengan {term}?", gr.Tabs(selected="chat")

    table.click(pick, [table], [chat["box"], tabs], api_name=False).then(
        chat["respond"], chat["chat_in"], chat["chat_out"], api_name=False)

    def current_terms():
        fresh = assistant.terms()
        return gr.Dataset(samples=[[t] for t in fresh]), _glossary_html(fresh)

    return [table, listing], current_terms


def _documents_tab(gr, assistant: Assistant):
    admin = assistant.settings.admin_user and assistant.settings.admin_password
    table = gr.Dataframe(_doc_rows(assistant), headers=_DOC_HEADERS, interactive=False)
    gr.Markdown("Admin: unggah dan hapus dokumen di [/admin](/admin) / upload and remove at "
                "/admin." if admin else
                "Unggah dan hapus dokumen dinonaktifkan; set `KLASTER_ADMIN_USER` dan "
                "`KLASTER_ADMIN_PASSWORD` untuk halaman /admin / Upload and removal are disabled; "
                "set those two variables to enable the /admin page.")
    return table


def build_admin_app(assistant: Assistant):
    """The admin page (served behind a login at /admin): upload and remove documents.

    Args:
        assistant: the service whose index is managed.

    Returns:
        The ``gr.Blocks`` app (not launched).
    """
    import gradio as gr

    settings = assistant.settings
    with gr.Blocks(title="Klaster admin") as app:
        gr.Markdown("# Klaster · Dokumen / Documents")
        table = gr.Dataframe(_doc_rows(assistant), headers=_DOC_HEADERS, interactive=False)
        upload = gr.File(label=f"Unggah / Upload (maks. {settings.max_upload_mb} MB: "
                               ".md .txt .html .pdf .docx)", file_count="multiple")
        add = gr.Button("Indeks berkas / Ingest files", variant="primary")
        gone = gr.Dropdown([d["source"] for d in assistant.documents()], label="Hapus / Remove")
        remove = gr.Button("Hapus dokumen / Remove document", variant="stop")
        log = gr.Textbox(label="Log", lines=6, interactive=False)

        def allowed(request: gr.Request | None) -> bool:
            return request is not None and request.username == settings.admin_user

        def ingest(files, request: gr.Request):
            """Copy the uploads into the corpus and index them in the background."""
            if not allowed(request):
                return gr.update(), gr.update(), "⚠️ admin only / hanya admin"
            job = assistant.job
            if job is not None and not job.finished.is_set():
                return gr.update(), gr.update(), "⚠️ " + job.status() + "\n(tunggu / wait)"
            job = assistant.add_files([Path(f) for f in files or []], wait=False)
            return gr.update(), gr.update(), job.status()

        def watch(request: gr.Request):
            """The running job's progress; the tables once it is over."""
            job = assistant.job
            if not allowed(request) or job is None:
                return gr.update(), gr.update(), gr.update()
            if not job.finished.is_set():
                return gr.update(), gr.update(), job.status()
            sources = [d["source"] for d in assistant.documents()]
            return _doc_rows(assistant), gr.update(choices=sources), job.status()

        def drop(source, request: gr.Request):
            if not allowed(request) or not source:
                return gr.update(), gr.update(), "⚠️ admin only / hanya admin"
            try:
                done = assistant.remove_document(source)
            except ValueError as exc:
                return gr.update(), gr.update(), f"⚠️ {exc}"
            sources = [d["source"] for d in assistant.documents()]
            return (_doc_rows(assistant), gr.update(choices=sources, value=None),
                    f"{'dihapus / removed' if done else 'tidak terindeks / not indexed'}: {source}")

        add.click(ingest, [upload], [table, gone, log], api_name="ingest")
        gr.Timer(1.0).tick(watch, None, [table, gone, log], api_name="status",
                           show_progress="hidden")
        remove.click(drop, [gone], [table, gone, log], api_name="remove")
    return app


def build_app(assistant: Assistant, scratch: Scratch | None = None):
    """The Gradio app; every answer comes from ``assistant``.

    Args:
        assistant: the service the app is a shell over.
        scratch: where downloads are written (a fresh one when not given).

    Returns:
        The ``gr.Blocks`` app (not launched).
    """
    import gradio as gr

    scratch = scratch or Scratch()
    # Gradio's copies of downloads are deleted after ten minutes as well.
    with gr.Blocks(title="Klaster", delete_cache=(600, 600)) as app:
        with gr.Row():
            intro = gr.Markdown(f"# Klaster\n{TEXTS['id']['intro']}")
            lang = gr.Radio([("Indonesia", "id"), ("English", "en")], value="id",
                            label="Bahasa / Language", elem_id="k-lang")
        with gr.Tabs() as tabs:
            with gr.Tab("Tanya / Ask", id="chat"):
                chat = _chat_tab(gr, assistant, lang, scratch)
            with gr.Tab("Pelatih / Trainers", id="trainers"):
                _trainer_tab(gr, assistant, scratch)
            with gr.Tab("Mahasiswa / Students", id="students"):
                glossary, current_terms = _student_tab(gr, assistant, tabs, chat)
            with gr.Tab("Dokumen / Documents", id="documents"):
                documents = _documents_tab(gr, assistant)

        def relabel(lang_: str):
            t = TEXTS[lang_]
            return (f"# Klaster\n{t['intro']}", gr.update(label=t["ask"]),
                    gr.update(value=t["send"]), gr.update(value=t["new"]),
                    gr.update(value=t["export"]))

        lang.change(relabel, [lang], [intro, chat["box"], chat["send"], chat["new"],
                                      chat["export"]], api_name=False)
        # Each page load shows the documents and terms as they are now, after admin changes.
        app.load(chat["current_filters"], None, chat["filters"], api_name=False)
        app.load(current_terms, None, glossary, api_name=False)
        app.load(lambda: _doc_rows(assistant), None, documents, api_name=False)
    # Several questions are answered at once; measured in tests/test_limits.py.
    app.queue(default_concurrency_limit=assistant.settings.queue_concurrency)
    return app


def _theme():
    """Gradio's default look with the system's fonts: the page fetches nothing from outside."""
    import gradio as gr

    return gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"],
                             font_mono=["ui-monospace", "monospace"])


def make_server(assistant: Assistant):
    """One web app: the public assistant at ``/`` and, when admin credentials are set, the
    admin page behind a Gradio login at ``/admin``.

    Args:
        assistant: the service.

    Returns:
        A FastAPI app to run with uvicorn.
    """
    from contextlib import asynccontextmanager

    import gradio as gr
    from fastapi import FastAPI

    settings = assistant.settings
    scratch = Scratch()

    @asynccontextmanager
    async def lifespan(_):
        yield
        scratch.close()

    web = FastAPI(lifespan=lifespan)
    limit = f"{settings.max_upload_mb}mb"
    limiter = LoginLimiter(settings.login_attempts, settings.login_lockout_seconds,
                           settings.login_delay_seconds)
    # Only the admin page takes files; the public page has no file input, so its upload route
    # is closed (it would otherwise store anything an anonymous client sends).
    protect(web, limiter, login_paths={"/admin/login", "/admin/login/"},
            blocked={"/gradio_api/upload", "/upload"})
    if settings.admin_user and settings.admin_password:
        credentials = (settings.admin_user, settings.admin_password.get_secret_value())
        gr.mount_gradio_app(web, build_admin_app(assistant), path="/admin", auth=credentials,
                            max_file_size=limit, footer_links=[], theme=_theme())
    gr.mount_gradio_app(web, build_app(assistant, scratch), path="", max_file_size="1kb",
                        footer_links=["api"], theme=_theme())
    web.state.scratch = scratch
    return web


def serve(assistant: Assistant) -> None:
    """Build the index if needed, warm the model, then serve on the configured host and port."""
    import uvicorn

    report = assistant.ensure_index()
    if report is not None:
        print(report.summary())
    assistant.ask("KEK")  # loads the model and keyword index now, so the first user waits less
    settings = assistant.settings
    print(f"Klaster: http://{settings.host}:{settings.port}/")
    uvicorn.run(make_server(assistant), host=settings.host, port=settings.port,
                log_level="warning", timeout_graceful_shutdown=5)
