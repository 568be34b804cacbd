"""HTML for the chat: escaped text, linked citation markers, highlighted question words."""


from assistant.documents import Answer, Citation
from assistant.render import highlight, inert, render_answer


def test_inert_text_forms_no_html_link_or_image():
    shown = inert('<img src=x> [klik](http://contoh.id) "kutip"')
    assert "<img" not in shown and "\\[klik\\]" in shown and "http\u2060:" in shown
    assert "&quot;kutip&quot;" in shown and "&quot;" not in inert('"a"', quote=False)


def test_highlight_escapes_and_marks():
    out = highlight("Luas <b>KEK</b> Bitung 534 ha", "Berapa luas KEK Bitung?")
    assert out == "<mark>Luas</mark> &lt;b&gt;<mark>KEK</mark>&lt;/b&gt; <mark>Bitung</mark> 534 ha"


def test_render_answer_keeps_known_markers_plain_and_escapes_markup():
    answer = Answer("Isi <script>x</script> [1] dan [7] *b*.", True, "id",
                    [Citation(1, "a.md", "A", "Pasal 1", "Isi")])
    out = render_answer(answer)
    assert out == "Isi \\<script\\>x\\</script\\> [1] dan \\[7\\] \\*b\\*."
    assert "<a" not in render_answer(Answer("Luasnya 534 ha [1].", True, "id",
                                            [Citation(1, "a.md", "A", "", "534 ha")]))
    missing = render_answer(Answer("Tidak ditemukan.", False, "id"))
    assert "Tidak ditemukan dalam dokumen" in missing and "terkait, bukan" in missing
    english = render_answer(Answer("Not found.", False, "en"), "en")
    assert "Not found in the documents" in english and "Tidak" not in english


def test_filter_labels_are_distinct():
    from assistant.render import distinct_labels

    docs = [{"source": "a.md", "label": "RPJMN 2025-2029",
             "title": "RPJMN 2025-2029 Bab IV: Wilayah Bali-Nusa Tenggara, Sulawesi"},
            {"source": "b.md", "label": "RPJMN 2025-2029",
             "title": "RPJMN 2025-2029 Prioritas Nasional 5: Melanjutkan Hilirisasi"},
            {"source": "c.md", "label": "UU 3/2014", "title": "UU Perindustrian"}]
    labels = distinct_labels(docs)
    assert labels["a.md"] == "RPJMN 2025-2029 · Bab IV Wilayah Bali-Nusa"
    assert labels["b.md"] == "RPJMN 2025-2029 · Prioritas Nasional 5 Melanjutkan"
    assert labels["c.md"] == "UU 3/2014"


def test_a_quoted_table_stays_a_table_with_plain_cells():
    from assistant.render import plain

    text = "Menurut dokumen:\n\n| No | Sasaran *x* |\n| --- | --- |\n| 3 | <b>mesin</b> [1] |"
    shown = plain(text, {1}).split("\n")
    assert shown[2:] == ["| No | Sasaran \\*x\\* |", "| --- | --- |", "| 3 | \\<b\\>mesin\\</b\\> [1] |"]
    assert plain("a | b") == "a \\| b"  # outside a table a bar is a plain character
