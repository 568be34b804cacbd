"""The records passed between stages, and the JSON shape `ask --json` prints."""

from builders import make_chunk

from assistant.documents import Answer, Citation, Passage, article_of


def test_answer_json_has_the_documented_fields_only():
    citation = Citation(1, "pp.md", "PP Contoh", "Pasal 2", "luas 534 ha", "PP 1/2020", "…")
    answer = Answer("Luasnya 534 ha [1].", True, "id", [citation],
                    [Passage(make_chunk("Luas 534 ha."), 0.5)], query="luas")
    assert answer.to_dict() == {
        "answer": "Luasnya 534 ha [1].", "found": True, "language": "id",
        "citations": [{"n": 1, "source": "pp.md", "title": "PP Contoh", "location": "Pasal 2",
                       "quote": "luas 534 ha"}],
        "figures": [], "generated": False, "note": "",
    }
    assert answer.resolved is None  # filled by the chain with the analysed question


def test_a_chunk_header_names_the_document_and_place():
    chunk = make_chunk("Luas 534 ha.", location="Pasal 2")
    assert "PP 1/2020" in chunk.header and "Pasal 2" in chunk.header


def test_an_article_and_its_explanation_are_one_place():
    assert article_of("Penjelasan Pasal 65") == article_of("Pasal 65") == "Pasal 65"
    assert article_of("PP 31/2016 - KEK Sorong · Penjelasan Pasal 2") == \
        "PP 31/2016 - KEK Sorong · Pasal 2"
    # the general explanation is not the regulation's opening article
    assert article_of("PP 31/2016 - KEK Sorong · Penjelasan") != "PP 31/2016 - KEK Sorong"
    assert article_of("Pasal 66") != article_of("Pasal 65")
