"""Cited figures as a bar chart: one bar per figure with its [n], a PNG for the exports."""

from assistant.documents import Answer, Citation


def test_cited_figures_become_one_bar_each_with_their_citation(tmp_path):
    from assistant.charts import bar_name, comparable, save_png

    answer = Answer("Kemiskinan [1] dan stunting [2].", True, "id", [
        Citation(1, "r.md", "R", "Isu", "(Bali: 4 persen; NTB: 12,91 persen; NTT: 19,48 persen)"),
        Citation(2, "r.md", "R", "Isu", "Provinsi Maluku (28,4 persen) pada 2023 seluas 5 ha")])
    figures = comparable(answer)
    assert [(bar_name(f), f.value, f.unit) for f in figures] == [
        ("Bali [1]", 4.0, "%"), ("NTB [1]", 12.91, "%"), ("NTT [1]", 19.48, "%"),
        ("Provinsi Maluku [2]", 28.4, "%")]
    assert comparable(Answer("x [1]", True, "id", answer.citations[1:])) == []
    from assistant.charts import CitedFigure

    answer.figures = [CitedFigure("Papua", 9.0, "ha", 1), CitedFigure("Bitung", 534.0, "ha", 2)]
    assert [f.label for f in comparable(answer)] == ["Papua", "Bitung"]  # the answer's own win
    png = save_png(figures, tmp_path / "c.png", "Kemiskinan")
    assert png.read_bytes()[:4] == b"\x89PNG"
    from docx import Document

    from assistant.feedback import conversation_docx, conversation_markdown

    turns = [("Bandingkan kemiskinan", answer)]
    assert "](data:image/png;base64,iVBOR" in conversation_markdown(turns, charts={1: png})
    word = Document(str(conversation_docx(turns, tmp_path / "c.docx", charts={1: png})))
    assert len(word.inline_shapes) == 1 and "Kemiskinan [1]" in word.paragraphs[2].text
