"""Thin Gradio shell over Assistant: chat, trainers' workshop, students' glossary, documents."""

import html
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .chain import Conversation
from .charts import comparable, frame, save_png
from .documents import Answer, Chunk
from .feedback import conversation_docx, conversation_markdown, record
from .limits import LoginLimiter, Scratch, protect
from .loaders import SUPPORTED
from .render import both, distinct_labels, inert, render_answer, render_sources, strings
from .service import Assistant
from .workshop import to_docx, to_markdown

if TYPE_CHECKING:  # imported when the app is built; only names for annotations here
    import gradio
    from fastapi import FastAPI


STREAM_EVERY = 0.2  # seconds between partial updates of a streamed answer
EXAMPLES = {
    "ex_official": ["Berapa rata-rata kontribusi ekonomi daerah kawasan Indonesia Timur?",
                    "Berapa luas KEK Sorong dan di mana letaknya?"],
    "ex_trainer": ["Apa saja tahapan pengembangan klaster industri?",
                   "What support is given to small and medium industries?"],
    "ex_student": ["Apa yang dimaksud dengan klaster industri?", "Apa itu OVOP?"],
}
# [n] markers stay plain text in the messages (so "Copy message" copies them as they read);
# this links each one to its card in the sources panel after Gradio renders a message.
_JS = r"""
if (!window.__klasterCite) {
  window.__klasterCite = true;
  const link = () => {
    document.querySelectorAll('#k-chat [data-testid="bot"]').forEach((bot, i) => {
      const walker = document.createTreeWalker(bot, NodeFilter.SHOW_TEXT);
      const hits = [];
      while (walker.nextNode()) {
        const t = walker.currentNode;
        if (!t.parentElement.closest('a, code, pre') && /\[\d+\]/.test(t.nodeValue)) hits.push(t);
      }
      hits.forEach((t) => {
        const parts = t.nodeValue.split(/(\[\d+\])/);
        const frag = document.createDocumentFragment();
        parts.forEach((part, k) => {
          if (k % 2 === 0) { frag.append(part); return; }
          const a = document.createElement('a');
          a.href = '#k-src-' + i + '-' + part.slice(1, -1);
          a.className = 'k-cite';
          a.textContent = part;
          frag.append(a);
        });
        t.replaceWith(frag);
      });
    });
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; link(); });
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
  const target = (e) => {
    if (!e.target.closest) return null;
    const a = e.target.closest('a[href^="#k-src-"]');
    if (a) return a.getAttribute('href').slice(1);
    // a bar of the chart: its [n] opens that passage of the latest answer
    const bar = e.target.closest('#k-chart [aria-roledescription="bar"]');
    const n = bar && /\[(\d+)\]/.exec(bar.getAttribute('aria-label') || '');
    if (!n) return null;
    const latest = document.querySelectorAll('#k-chat [data-testid="bot"]').length - 1;
    return 'k-src-' + latest + '-' + n[1];
  };
  document.addEventListener('click', (e) => {
    const id = target(e);
    if (!id) return;
    e.preventDefault(); e.stopPropagation();
    const card = document.getElementById(id);
    document.querySelectorAll('.k-src').forEach((el) => el.classList.remove('k-active'));
    if (!card) return;
    card.open = true; card.classList.add('k-active');
    card.scrollIntoView({block: 'nearest'});
  }, true);
}
"""
_CSS = """.k-src{border:1px solid #ccc;border-radius:6px;padding:6px;margin:6px 0}
.k-active{border:2px solid #d97706;background:#fffbeb} .k-quote{font-weight:600;
background:#eef2ff} .k-related{border-style:dashed} mark{background:#fde68a}
.k-passage{white-space:pre-line}"""
# Gradio's chat toolbar floats over the top of the message list: keep the first bubble below it.
_PAGE_CSS = """#k-chat .bubble-wrap, #k-chat [role="log"]{padding-top:2.6rem}
.k-table table{table-layout:fixed;width:100%} .k-table td, .k-table th{overflow-wrap:anywhere}"""
_DOC_KEYS = ("doc_title", "doc_file", "doc_chunks", "doc_ingested")
_DOC_WIDTHS: list[str | int] = ["46%", "30%", "10%", "14%"]
# What ``gr.update(...)`` returns: the properties to change on an output component.
Update = dict[str, Any]


def _doc_headers(lang: str) -> list[str]:
    return [strings(lang)[k] for k in _DOC_KEYS]


def _doc_rows(assistant: Assistant) -> list[list[Any]]:
    return [[d["title"], d["source"], d["chunks"], d["ingested"]] for d in assistant.documents()]


def _doc_choices(assistant: Assistant) -> list[tuple[str, str]]:
    docs = assistant.documents()
    labels = distinct_labels(docs)
    return [(labels[d["source"]], d["source"]) for d in docs]


class Labels:
    """The components whose text follows the page's language: (component, property, key)."""

    def __init__(self) -> None:
        self.items: list[tuple[Any, str, str]] = []

    def add(self, component: Any, prop: str, key: str) -> Any:
        self.items.append((component, prop, key))
        return component

    def updates(self, gr: Any, lang: str) -> list[Any]:
        t = strings(lang)
        out = []
        for _, prop, key in self.items:
            if prop == "markdown":
                out.append(gr.update(value=t[key]))
            elif prop == "intro":
                out.append(gr.update(value=f"# Klaster\n{t[key]}"))
            else:
                out.append(gr.update(**{prop: t[key]}))
        return out


def _chat_tab(gr: ModuleType, assistant: Assistant, lang: Any, scratch: Scratch,
              labels: Labels) -> dict[str, Any]:
    t = strings("id")
    conv = gr.State(None)  # a Conversation, made on the first question
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(label="Klaster", height=460, allow_tags=False,
                                 feedback_options=None, elem_id="k-chat", buttons=["copy"],
                                 latex_delimiters=[])
            chart = gr.BarPlot(visible=False, x="label", y="value", elem_id="k-chart",
                               label=t["chart"], height=260, sort=None, tooltip="all")
            labels.add(chart, "label", "chart")
            status = gr.Markdown(elem_id="k-status")
            box = labels.add(labels.add(gr.Textbox(
                label=t["ask"], placeholder=t["placeholder"], elem_id="k-box",
                max_length=assistant.settings.max_question_chars), "label", "ask"),
                "placeholder", "placeholder")
            with gr.Row():
                send = labels.add(gr.Button(t["send"], variant="primary", elem_id="k-send"),
                                  "value", "send")
                new = labels.add(gr.Button(t["new"], elem_id="k-new"), "value", "new")
                export = labels.add(gr.Button(t["export"], elem_id="k-export"), "value",
                                    "export")
            follow = [gr.Button(visible=False, size="sm", elem_classes="k-follow")
                      for _ in range(3)]
            with gr.Row():
                up = labels.add(gr.Button(t["up"], size="sm", elem_id="k-up"), "value", "up")
                down = labels.add(gr.Button(t["down"], size="sm", elem_id="k-down"), "value",
                                  "down")
                comment = labels.add(gr.Textbox(label=t["comment"], scale=3, elem_id="k-comment",
                                                max_length=assistant.settings.max_comment_chars),
                                     "label", "comment")
            exported = labels.add(gr.File(label=t["export_file"], elem_id="k-file",
                                          visible=False, file_count="multiple"),
                                  "label", "export_file")
            for key, questions in EXAMPLES.items():
                examples = gr.Examples([[q] for q in questions], inputs=[box], label=t[key])
                labels.add(examples.dataset, "label", key)
        with gr.Column(scale=2):
            sources = gr.HTML(render_sources(None), elem_id="k-sources", js_on_load=_JS,
                              css_template=_CSS)
            with gr.Accordion(t["filter"], open=False) as filters:
                labels.add(filters, "label", "filter")
                pick = labels.add(gr.Dropdown(_doc_choices(assistant), multiselect=True,
                                              label=t["f_docs"], elem_id="k-pick"),
                                  "label", "f_docs")
                docs = assistant.documents()
                kinds = labels.add(gr.Dropdown(sorted({d["kind"] for d in docs}),
                                               multiselect=True, label=t["f_kinds"]),
                                   "label", "f_kinds")
                years = labels.add(gr.Dropdown(sorted({str(d["year"]) for d in docs
                                                       if d["year"]}),
                                               multiselect=True, label=t["f_years"]),
                                   "label", "f_years")
    hidden = [gr.update(visible=False)] * 3

    def plot(answer: Answer, lang_: str) -> Any:
        figures = comparable(answer)
        if not figures:
            return gr.update(visible=False, value=None)
        unit = figures[0].unit
        table = frame(figures, "value")
        top = max(0.0, *(f.value for f in figures))
        return gr.update(visible=True, value=table, y_title=unit, sort=list(table["label"]),
                         y_lim=[min(0.0, *(f.value for f in figures)), top * 1.1 or 1.0],
                         x_title=strings(lang_)["chart_source"], x_label_angle=-15,
                         label=f"{strings(lang_)['chart']} ({unit})")

    def respond(message: str, history: list[dict[str, Any]] | None,
                conversation: Conversation | None, docs_: list[str] | None,
                kinds_: list[str] | None, years_: list[str] | None, lang_: str,
                standalone: bool = False) -> Iterator[tuple[Any, ...]]:
        text = strings(lang_)
        if not (message or "").strip():  # said where the user looks; no empty bubble
            yield (gr.update(), gr.update(), conversation, gr.update(), gr.update(),
                   f"⚠️ {text['empty']}", *[gr.update()] * 3)
            return
        history = list(history or []) + [{"role": "user", "content": inert(message)},
                                          {"role": "assistant", "content": ""}]
        bubble = sum(1 for m in history[:-1] if m["role"] == "assistant")
        conversation = conversation or Conversation()
        answer, streamed, updated = None, "", 0.0
        try:
            sources = assistant.sources_matching(docs_, kinds_, years_)
            for piece in assistant.stream(message, conversation, sources, standalone):
                if not isinstance(piece, str):
                    answer = piece
                    continue
                streamed += piece
                if time.monotonic() - updated > STREAM_EVERY:  # each update costs a render
                    updated = time.monotonic()
                    history[-1]["content"] = inert(streamed)
                    yield "", history, conversation, gr.update(), gr.update(), "", *hidden
        except ValueError as exc:
            history[-1]["content"] = f"⚠️ {inert(str(exc))}"
            yield "", history, conversation, gr.update(), gr.update(), "", *hidden
            return
        assert answer is not None  # the stream always ends with the answer
        # the guard's verdict: the streamed text stays, or the extractive answer replaces it
        history[-1]["content"] = render_answer(answer, lang_)
        asks = assistant.suggestions(answer)
        shown = [gr.update(value=q, visible=True) for q in asks]
        yield ("", history, conversation,
               render_sources(conversation.turns[-1], bubble, lang_), plot(answer, lang_), "",
               *(shown + hidden)[:3])

    def follow_up(message: str, history: list[dict[str, Any]] | None,
                  conversation: Conversation | None, docs_: list[str] | None,
                  kinds_: list[str] | None, years_: list[str] | None,
                  lang_: str) -> Iterator[tuple[Any, ...]]:
        """A suggested question names its own subject: answered as asked, not as a follow-up."""
        yield from respond(message, history, conversation, docs_, kinds_, years_, lang_,
                           standalone=True)

    def reset(conversation: Conversation | None, lang_: str) -> tuple[Any, ...]:
        return ([], Conversation(), render_sources(None, 0, lang_),
                gr.update(visible=False, value=None), "", *hidden)

    def vote(kind: str, conversation: Conversation | None, comment_text: str | None,
             lang_: str) -> tuple[str, str | None]:
        text = strings(lang_)
        if not conversation or not conversation.turns:
            return text["no_turn"], comment_text
        question, answer = conversation.turns[-1]
        try:
            record(assistant.settings.index, question, answer, kind, comment_text or "",
                   limit=assistant.settings.max_comment_chars)
        except ValueError as exc:
            return f"⚠️ {html.escape(str(exc))}", comment_text
        return text["thanks"], ""

    def save(conversation: Conversation | None) -> Any:
        folder = scratch.folder()
        turns = conversation.turns if conversation else []
        charts: dict[int, Path] = {}
        for i, (question, answer) in enumerate(turns, 1):
            figures = comparable(answer)
            if figures:
                charts[i] = save_png(figures, folder / f"grafik-{i}.png", question[:80])
        path = folder / "klaster-percakapan.md"
        path.write_text(conversation_markdown(turns, charts=charts), encoding="utf-8")
        docx = conversation_docx(turns, folder / "klaster-percakapan.docx", charts=charts)
        return gr.File(value=[str(path), str(docx)], visible=True)

    chat_in = [box, chatbot, conv, pick, kinds, years, lang]
    chat_out = [box, chatbot, conv, sources, chart, status, *follow]
    clear_out = [chatbot, conv, sources, chart, status, *follow]
    box.submit(respond, chat_in, chat_out, api_name="ask")
    send.click(respond, chat_in, chat_out, api_visibility="private")
    for button in follow:
        button.click(follow_up, [button, *chat_in[1:]], chat_out, api_visibility="private")
    new.click(reset, [conv, lang], clear_out, api_name="new_conversation")
    chatbot.clear(reset, [conv, lang], clear_out, api_visibility="private")  # the chat's trash icon
    up.click(lambda c, x, lg: vote("up", c, x, lg), [conv, comment, lang], [status, comment],
             api_name="vote_up")
    down.click(lambda c, x, lg: vote("down", c, x, lg), [conv, comment, lang],
               [status, comment], api_name="vote_down")
    export.click(save, [conv], [exported], api_name="export")

    def current_filters() -> tuple[Any, Any, Any]:
        docs = assistant.documents()  # an admin may have changed them since start-up
        return (gr.Dropdown(choices=_doc_choices(assistant)),
                gr.Dropdown(choices=sorted({d["kind"] for d in docs})),
                gr.Dropdown(choices=sorted({str(d["year"]) for d in docs if d["year"]})))

    def relabel_sources(conversation: Conversation | None, lang_: str) -> Any:
        if not conversation or not conversation.turns:
            return render_sources(None, 0, lang_)
        return gr.update()

    return {"box": box, "send": send, "new": new, "export": export, "chat_in": chat_in,
            "chat_out": chat_out, "respond": respond, "filters": [pick, kinds, years],
            "current_filters": current_filters, "sources": sources, "conv": conv,
            "relabel_sources": relabel_sources}


def _trainer_tab(gr: ModuleType, assistant: Assistant, scratch: Scratch, lang: Any,
                 labels: Labels) -> None:
    t = strings("id")
    topic = labels.add(labels.add(gr.Textbox(label=t["topic"], placeholder=t["topic_placeholder"],
                                             elem_id="k-topic"), "label", "topic"),
                       "placeholder", "topic_placeholder")
    make = labels.add(gr.Button(t["build"], variant="primary", elem_id="k-build"), "value",
                      "build")
    text = gr.Markdown(elem_id="k-material")
    files = labels.add(gr.File(label=t["download"], file_count="multiple", elem_id="k-ws-files"),
                       "label", "download")

    def build(subject: str, lang_: str) -> tuple[str, list[str] | None]:
        if not (subject or "").strip():
            return f"⚠️ {strings(lang_)['no_topic']}", None
        try:
            shop = assistant.workshop(subject)
        except ValueError as exc:
            return f"⚠️ {html.escape(str(exc))}", None
        markdown = to_markdown(shop, lang_)
        folder = scratch.folder()
        (folder / "lokakarya.md").write_text(markdown, encoding="utf-8")
        docx = to_docx(shop, folder / "lokakarya.docx", lang_)
        return inert(markdown, quote=False), [str(folder / "lokakarya.md"), str(docx)]

    make.click(build, [topic, lang], [text, files], api_name="workshop")
    topic.submit(build, [topic, lang], [text, files], api_visibility="private")


def _glossary_html(terms: dict[str, tuple[Chunk, str]]) -> str:
    return "".join(
        f"<p><b>{html.escape(term)}</b>: {html.escape(sentence)} <i>— "
        f"{html.escape(chunk.header)} ({html.escape(chunk.source)})</i></p>"
        for term, (chunk, sentence) in terms.items())


def _student_tab(gr: ModuleType, assistant: Assistant, tabs: Any, chat: dict[str, Any],
                 lang: Any, labels: Labels) -> tuple[list[Any], Callable[[], tuple[Any, str]]]:
    t = strings("id")
    terms = assistant.terms()
    labels.add(gr.Markdown(t["click_term"]), "markdown", "click_term")
    table = labels.add(gr.Dataset(components=[gr.Textbox(visible=False)],
                                  samples=[[x] for x in terms], label=t["terms"],
                                  samples_per_page=30), "label", "terms")
    listing = gr.HTML(_glossary_html(terms))

    def pick(sample: Any, lang_: str) -> tuple[str, Any]:
        term = sample[0] if isinstance(sample, list | tuple) else sample
        return strings(lang_)["ask_term"].format(term=term), gr.Tabs(selected="chat")

    table.click(pick, [table, lang], [chat["box"], tabs], api_visibility="private").then(
        chat["respond"], chat["chat_in"], chat["chat_out"], api_visibility="private")

    def current_terms() -> tuple[Any, str]:
        fresh = assistant.terms()
        return gr.Dataset(samples=[[x] for x in fresh]), _glossary_html(fresh)

    return [table, listing], current_terms


def _documents_tab(gr: ModuleType, assistant: Assistant, labels: Labels) -> Any:
    admin = assistant.settings.admin_user and assistant.settings.admin_password
    table = gr.Dataframe(_doc_rows(assistant), headers=_doc_headers("id"), interactive=False,
                         wrap=True, column_widths=_DOC_WIDTHS, elem_classes="k-table",
                         elem_id="k-docs")
    key = "admin_on" if admin else "admin_off"
    labels.add(gr.Markdown(strings("id")[key]), "markdown", key)
    return table


def build_admin_app(assistant: Assistant) -> "gradio.Blocks":
    """The admin page (served behind a login at /admin): upload and remove documents; a
    removal is asked for, then confirmed.

    Args:
        assistant: the service whose index is managed.

    Returns:
        The ``gr.Blocks`` app (not launched).
    """
    import gradio as gr

    settings = assistant.settings
    headers = [both(k) for k in _DOC_KEYS]
    app: gr.Blocks  # Blocks.__enter__ is untyped
    with gr.Blocks(title="Klaster admin") as app:
        gr.Markdown(f"# {both('admin_heading')}")
        table = gr.Dataframe(_doc_rows(assistant), headers=headers, interactive=False,
                             wrap=True, column_widths=_DOC_WIDTHS, elem_classes="k-table",
                             elem_id="k-admin-docs")
        upload = gr.File(label=both("upload", mb=str(settings.max_upload_mb),
                                      types=" ".join(SUPPORTED)),
                         file_count="multiple")
        add = gr.Button(both("ingest"), variant="primary")
        gone = gr.Dropdown([d["source"] for d in assistant.documents()], value=None,
                           label=both("remove_pick"), elem_id="k-gone")
        remove = gr.Button(both("remove"), variant="secondary", elem_id="k-remove")
        with gr.Row(visible=False) as asking:
            question = gr.Markdown(elem_id="k-confirm-text")
            confirm = gr.Button(both("confirm"), variant="stop", elem_id="k-confirm")
            cancel = gr.Button(both("cancel"), elem_id="k-cancel")
        log = gr.Textbox(label=both("log"), lines=6, interactive=False)

        def allowed(request: gr.Request | None) -> bool:
            return request is not None and request.username == settings.admin_user

        def ingest(files: list[str] | None, request: gr.Request) -> tuple[Update, Update, str]:
            """Copy the uploads into the corpus and index them in the background."""
            if not allowed(request):
                return gr.update(), gr.update(), f"⚠️ {both('admin_only')}"
            job = assistant.job
            if job is not None and not job.finished.is_set():
                return gr.update(), gr.update(), f"⚠️ {job.status()}\n({both('wait')})"
            job = assistant.add_files([Path(f) for f in files or []], wait=False)
            return gr.update(), gr.update(), job.status()

        def watch(request: gr.Request) -> tuple[list[list[Any]] | Update, Update, Update | str]:
            """The running job's progress; the tables once it is over."""
            job = assistant.job
            if not allowed(request) or job is None:
                return gr.update(), gr.update(), gr.update()
            if not job.finished.is_set():
                return gr.update(), gr.update(), job.status()
            sources = [d["source"] for d in assistant.documents()]
            return _doc_rows(assistant), gr.update(choices=sources), job.status()

        def ask_first(source: str | None) -> tuple[Update, str, str]:
            """Nothing is removed by one click: the choice is asked about first."""
            if not source:
                return gr.update(visible=False), "", f"⚠️ {both('pick_first')}"
            return (gr.update(visible=True),
                    " / ".join(strings(x)["confirm_remove"].format(source=source)
                               for x in ("id", "en")), "")

        def drop(source: str | None,
                 request: gr.Request) -> tuple[list[list[Any]] | Update, Update, str, Update]:
            hide = gr.update(visible=False)
            if not allowed(request) or not source:
                return gr.update(), gr.update(), f"⚠️ {both('admin_only')}", hide
            try:
                done = assistant.remove_document(source)
            except ValueError as exc:
                return gr.update(), gr.update(), f"⚠️ {exc}", hide
            sources = [d["source"] for d in assistant.documents()]
            word = both("removed") if done else both("not_indexed")
            return (_doc_rows(assistant), gr.update(choices=sources, value=None),
                    f"{word}: {source}", hide)

        add.click(ingest, [upload], [table, gone, log], api_name="ingest")
        gr.Timer(1.0).tick(watch, None, [table, gone, log], api_name="status",
                           show_progress="hidden")
        remove.click(ask_first, [gone], [asking, question, log], api_visibility="private")
        cancel.click(lambda: gr.update(visible=False), None, [asking], api_visibility="private")
        confirm.click(drop, [gone], [table, gone, log, asking], api_name="remove")
    return app


def build_app(assistant: Assistant, scratch: Scratch | None = None) -> "gradio.Blocks":
    """The Gradio app; every answer comes from ``assistant``.

    Args:
        assistant: the service the app is a shell over.
        scratch: where downloads are written (a fresh one when not given).

    Returns:
        The ``gr.Blocks`` app (not launched).
    """
    import gradio as gr

    scratch = scratch or Scratch()
    labels = Labels()
    t = strings("id")
    app: gr.Blocks  # Blocks.__enter__ is untyped
    # Gradio's copies of downloads are deleted after ten minutes as well.
    with gr.Blocks(title="Klaster", delete_cache=(600, 600)) as app:
        with gr.Row():
            labels.add(gr.Markdown(f"# Klaster\n{t['intro']}"), "intro", "intro")
            lang = labels.add(gr.Radio([("Indonesia", "id"), ("English", "en")], value="id",
                                       label=t["language"], elem_id="k-lang"),
                              "label", "language")
        with gr.Tabs() as tabs:
            with gr.Tab(t["tab_chat"], id="chat") as tab:
                labels.add(tab, "label", "tab_chat")
                chat = _chat_tab(gr, assistant, lang, scratch, labels)
            with gr.Tab(t["tab_trainers"], id="trainers") as tab:
                labels.add(tab, "label", "tab_trainers")
                _trainer_tab(gr, assistant, scratch, lang, labels)
            with gr.Tab(t["tab_students"], id="students") as tab:
                labels.add(tab, "label", "tab_students")
                glossary, current_terms = _student_tab(gr, assistant, tabs, chat, lang, labels)
            with gr.Tab(t["tab_documents"], id="documents") as tab:
                labels.add(tab, "label", "tab_documents")
                documents = _documents_tab(gr, assistant, labels)

        def relabel(lang_: str, conversation: Conversation | None) -> tuple[Any, ...]:
            return (*labels.updates(gr, lang_),
                    gr.update(headers=_doc_headers(lang_)),
                    chat["relabel_sources"](conversation, lang_))

        lang.change(relabel, [lang, chat["conv"]],
                    [c for c, _, _ in labels.items] + [documents, chat["sources"]],
                    api_visibility="private")
        # Each page load shows the documents and terms as they are now, after admin changes.
        app.load(chat["current_filters"], None, chat["filters"], api_visibility="private")
        app.load(current_terms, None, glossary, api_visibility="private")
        app.load(lambda: _doc_rows(assistant), None, documents, api_visibility="private")
    # Several questions are answered at once; measured in tests/test_limits.py.
    app.queue(default_concurrency_limit=assistant.settings.queue_concurrency)
    return app


def _theme() -> "gradio.themes.Default":
    """Gradio's default look with the system's fonts: the page fetches nothing from outside."""
    import gradio as gr

    return gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"],
                             font_mono=["ui-monospace", "monospace"])


def make_server(assistant: Assistant) -> "FastAPI":
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
    from fastapi.responses import RedirectResponse

    settings = assistant.settings
    scratch = Scratch()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
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
    @web.get("/admin", include_in_schema=False)
    def admin_without_slash() -> RedirectResponse:  # the link people type and the README use
        return RedirectResponse("/admin/", status_code=307)

    if settings.admin_user and settings.admin_password:
        credentials = (settings.admin_user, settings.admin_password.get_secret_value())
        gr.mount_gradio_app(web, build_admin_app(assistant), path="/admin", auth=credentials,
                            max_file_size=limit, footer_links=[], theme=_theme(), css=_PAGE_CSS)
    gr.mount_gradio_app(web, build_app(assistant, scratch), path="", max_file_size="1kb",
                        footer_links=["api"], theme=_theme(), css=_PAGE_CSS)
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
