"""HTML for the chat: escaped text, linked citation markers, highlighted question words."""

from builders import make_chunk

from assistant.documents import Answer, Citation, Passage
from assistant.render import highlight, inert, render_answer, render_sources


def test_inert_text_forms_no_html_link_or_image():
    shown = inert('<img src=x> [klik](http://contoh.id) "kutip"')
    assert "<img" not in shown and "\\[klik\\]" in shown and "http\u2060:" in shown
    assert "&quot;kutip&quot;" in shown and "&quot;" not in inert('"a"', quote=False)


def test_only_known_citation_numbers_become_links():
    answer = Answer("Luasnya 534 ha [1], lihat juga [7].", True, "id",
                    [Citation(1, "pp.md", "PP", "Pasal 2", "luas 534 ha")])
    html = render_answer(answer, turn=3)
    assert 'href="#k-src-3-1"' in html and "k-src-3-7" not in html and "\\[7\\]" in html


def test_question_words_are_marked_and_the_rest_escaped():
    assert highlight("Luas <KEK> Bitung", "Berapa luas KEK Bitung?") == (
        "<mark>Luas</mark> &lt;<mark>KEK</mark>&gt; <mark>Bitung</mark>")


def test_sources_panel_shows_cited_passages_and_says_when_empty():
    chunk = make_chunk("Kawasan Bitung memiliki luas 534 ha.", location="Pasal 2")
    answer = Answer("534 ha [1].", True, "id",
                    [Citation(1, "pp.md", "PP Contoh", "Pasal 2", "luas 534 ha", "PP 1/2020",
                              chunk.text)], [Passage(chunk, 1.0)])
    panel = render_sources([("Berapa luas Bitung?", answer)])
    assert 'id="k-src-0-1"' in panel and "PP 1/2020" in panel and "<mark>luas</mark>" in panel
    assert "Belum ada sumber." in render_sources([]) and "No sources yet." in render_sources([], "en")
