"""Candidate spans: sentences, a list with its lead-in, list items, never signature boilerplate."""

from builders import make_chunk

from assistant.answering.spans import candidate_spans, chunk_units, leads_in
from assistant.documents import Passage


def _spans(text: str):
    return candidate_spans([Passage(make_chunk(text), 1.0)])


def test_each_sentence_is_a_span_with_the_one_before_as_context():
    spans = _spans("Kawasan Bitung seluas 534 ha. Kawasan Palu seluas 1.500 ha.")
    assert [s.quote for s in spans] == ["Kawasan Bitung seluas 534 ha.",
                                        "Kawasan Palu seluas 1.500 ha."]
    assert spans[1].before == "Kawasan Bitung seluas 534 ha." and spans[0].rank == 0


def test_a_list_is_one_span_with_its_lead_in_and_each_item_another():
    text = "Tahapan pengembangan klaster meliputi:\na. diagnosis;\nb. kolaborasi;\nc. evaluasi."
    units = chunk_units(text)
    assert leads_in(units, 0)
    spans = _spans(text)
    whole = next(s for s in spans if s.is_list)
    assert whole.quote.startswith("Tahapan") and "c. evaluasi." in whole.quote
    assert "Tahapan pengembangan klaster meliputi: a. diagnosis;" in {s.quote for s in spans}
    assert "b. kolaborasi;" in {s.quote for s in spans if not s.is_list}


def test_a_long_sentence_also_offers_its_clauses():
    long = ("Pemerintah daerah memberikan insentif fiskal kepada pelaku usaha di kawasan, "
            "termasuk keringanan pajak daerah dan retribusi daerah, " * 8).strip().rstrip(",") + "."
    spans = _spans(long)
    assert spans[0].quote == long and len(spans) > 1
    assert all(s.quote in long and len(s.quote) < len(long) for s in spans[1:])
