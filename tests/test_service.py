"""The Assistant service wired over a temporary index with the hashing embedder: what the UI and
CLI call (ingest, ask, documents, filters, uploads, removal)."""

import pytest
from builders import write_regulation

from assistant.chain import Conversation
from assistant.config import load_settings
from assistant.documents import article_of
from assistant.embeddings import HashEmbedder
from assistant.service import Assistant


def _assistant(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_regulation(corpus, "a.md", range(1, 4))
    (corpus / "artikel.md").write_text(
        "# Artikel Klaster Industri 2021\n\nKlaster industri di Palu menyerap tenaga kerja dari "
        "desa sekitar dan menumbuhkan usaha kecil.\n", encoding="utf-8")
    service = Assistant(load_settings(index=tmp_path / "index", corpus=corpus, chunk_size=200,
                                      chunk_max=300), embedder=HashEmbedder())
    report = service.ingest(progress=False)
    assert sorted(report.added) == ["a.md", "artikel.md"]
    return service


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    """Shared by the tests that only read."""
    return _assistant(tmp_path_factory.mktemp("service"))


@pytest.fixture
def fresh_assistant(tmp_path):
    """For the tests that change the index."""
    return _assistant(tmp_path)


def test_documents_list_what_the_index_holds(assistant):
    docs = {d["source"]: d for d in assistant.documents()}
    assert set(docs) == {"a.md", "artikel.md"}
    assert docs["a.md"]["label"] == "PP 9/2020" and docs["a.md"]["kind"] == "regulation"
    assert docs["artikel.md"]["year"] == 2021 and docs["a.md"]["chunks"] >= 1


def test_filters_become_file_names(assistant):
    assert assistant.sources_matching(None, None, None) is None
    assert assistant.sources_matching([], ["regulation"], []) == ["a.md"]
    assert assistant.sources_matching([], [], ["2021"]) == ["artikel.md"]
    assert assistant.sources_matching(["a.md"], [], ["2021"]) == ["(none)"]  # nothing passes


def test_ask_answers_in_the_question_language_and_records_the_turn(assistant):
    conversation = Conversation()
    answer = assistant.ask("Berapa luas Kawasan 2?", conversation)
    assert answer.language == "id" and answer.passages
    assert conversation.turns == [("Berapa luas Kawasan 2?", answer)]
    assert conversation.last is answer.resolved and answer.resolved is not None
    assert conversation.last_places == sorted({(c.source, article_of(c.location))
                                               for c in answer.citations})
    assert conversation.last_quotes == [c.quote for c in answer.citations]
    for citation in answer.citations:
        assert citation.quote in citation.passage and citation.source in {"a.md", "artikel.md"}


@pytest.mark.parametrize(("question", "message"), [("   ", "empty"), ("x" * 1001, "too long")])
def test_bad_questions_are_refused_with_a_reason(assistant, question, message):
    with pytest.raises(ValueError, match=message):
        assistant.ask(question)


def test_uploads_are_checked_copied_under_safe_names_and_indexed(fresh_assistant, tmp_path):
    assistant = fresh_assistant
    upload = tmp_path / "up"
    upload.mkdir()
    (tmp_path / "catatan baru.md").write_text(
        "# Catatan Lokakarya\n\nSentra industri kecil di Bitung dibina pemerintah daerah.\n",
        encoding="utf-8")
    (upload / "data.exe").write_bytes(b"whatever")
    report = assistant.add_files([tmp_path / "catatan baru.md", upload / "data.exe"])
    assert dict(report.failed)["data.exe"].startswith("unsupported file type")
    assert len(report.added) == 1 and (assistant.settings.corpus / report.added[0]).is_file()
    again = assistant.add_files([tmp_path / "catatan baru.md"])
    assert "indexed already" in dict(again.failed)["catatan baru.md"]


def test_removing_a_document_drops_its_chunks_and_file(fresh_assistant):
    assistant = fresh_assistant
    assert assistant.remove_document("a.md") is True
    assert [d["source"] for d in assistant.documents()] == ["artikel.md"]
    assert not (assistant.settings.corpus / "a.md").exists()
    assert {c.source for c in assistant.store.all_chunks()} == {"artikel.md"}
    assert assistant.remove_document("a.md") is False
