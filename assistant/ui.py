"""Thin Gradio shell over Assistant: chat with cited answers."""

from __future__ import annotations

import html

from .answer import Conversation
from .documents import Answer
from .service import Assistant


def render(answer: Answer) -> str:
    """An answer as Markdown: the text, then its sources; document text is escaped."""
    lines = [html.escape(answer.text)]
    if answer.citations:
        lines.append("\n**Sumber / Sources**")
        for c in answer.citations:
            place = f" · {html.escape(c.location)}" if c.location else ""
            lines.append(f"\n[{c.n}] **{html.escape(c.label)}**{place} — "
                         f"_{html.escape(c.source)}_\n> {html.escape(c.quote)}")
    return "\n".join(lines)


def build_app(assistant: Assistant):
    """The Gradio app; every answer comes from ``assistant``."""
    import gradio as gr

    with gr.Blocks(title="Klaster") as app:
        gr.Markdown("# Klaster\nTanya jawab kebijakan klaster industri, dengan sumber.")
        conversation = gr.State(Conversation)
        chatbot = gr.Chatbot(label="Klaster", height=520)
        box = gr.Textbox(label="Pertanyaan / Question", placeholder="Berapa luas KEK Bitung?")
        new = gr.Button("Percakapan baru / New conversation")

        def respond(message: str, history: list, conv: Conversation):
            history = list(history or [])
            history.append({"role": "user", "content": message})
            try:
                text = render(assistant.ask(message, conv))
            except ValueError as exc:
                text = f"⚠️ {html.escape(str(exc))}"
            history.append({"role": "assistant", "content": text})
            return "", history, conv

        def reset(conv: Conversation):
            conv.clear()
            return [], conv

        box.submit(respond, [box, chatbot, conversation], [box, chatbot, conversation],
                   api_name="ask")
        new.click(reset, [conversation], [chatbot, conversation], api_name="new_conversation")
    return app


def serve(assistant: Assistant) -> None:
    """Build the index if needed, then serve on the configured host and port."""
    report = assistant.ensure_index()
    if report is not None:
        print(report.summary())
    app = build_app(assistant)
    settings = assistant.settings
    app.launch(server_name=settings.host, server_port=settings.port, share=False)
