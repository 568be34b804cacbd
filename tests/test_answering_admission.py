"""Which spans may answer: a follow-up's passage, a place its title lists, a list's lead-in.

The reader's own tests (``test_answering_reader.py``) cover the checks through whole answers.
"""

from test_answering_reader import ask

from assistant.answering import resolve_followup
from assistant.answering.admission import _lead_in, admissible, continues, surroundings
from assistant.answering.spans import candidate_spans
from assistant.documents import Chunk, Passage


def test_a_lists_lead_in_runs_past_a_reference_to_another_paragraph():
    quote = ("(4) Penyedia teknologi yang tidak melakukan alih teknologi sebagaimana dimaksud "
             "pada ayat (2) dikenai sanksi administratif berupa:\na. peringatan tertulis;\n"
             "b. penghentian sementara.")
    assert _lead_in(quote).endswith("dikenai sanksi administratif berupa:")
    assert _lead_in("a. Penyediaan ruang, antara lain berupa: 1) techno park; 2) pusat animasi"
                    ) == "Penyediaan ruang, antara lain berupa:"


def test_a_followup_passage_needs_most_of_the_earlier_names():
    first = ask("Berapa IPM Maluku dan Malut?")
    follow = ask("Nilai tukar petani di sana berapa?", first)
    names = [g.word for g in follow.context if g.specific]
    assert {"ipm", "maluku", "malut"} <= set(names)

    def chunk(text):
        return Chunk(id="x", source="x.md", title="", label="", kind="document", year=None,
                     location="", text=text, order=0)
    # the earlier measure (IPM) need not be said again; the places must
    assert continues(follow, chunk("Nilai tukar petani (Maluku: 104; Malut: 103)."))
    assert not continues(follow, chunk("Nilai tukar petani di Papua: 98."))


def test_a_followup_passage_may_be_the_article_the_earlier_answer_quoted():
    first = ask("Apa saja materi pemagangan bagi pelaku IKM?")
    follow = resolve_followup(ask("Pelaksanaannya disesuaikan dengan apa?"), first, ["pp.md"],
                              [("pp.md", "Pasal 17")])

    def chunk(location, source="pp.md"):
        return Chunk(id="x", source=source, title="", label="", kind="regulation", year=None,
                     location=location, text="(3) Dilakukan sesuai dengan kebutuhan pelaku usaha.",
                     order=0)
    # the paragraph after the quoted one says "pemagangan" no more, nor "materi"
    assert continues(follow, chunk("Pasal 17"))
    assert continues(follow, chunk("Penjelasan Pasal 17"))
    assert not continues(follow, chunk("Pasal 18"))
    assert not continues(follow, chunk("Pasal 17", source="uu.md"))


def test_a_followup_passage_may_cite_an_article_the_earlier_answer_quoted():
    first = ask("Dalam bidang apa saja pengembangan usaha difasilitasi?")
    follow = resolve_followup(ask("Untuk bidang pemasaran, caranya apa saja?"), first,
                              ["uu.md"], [("uu.md", "Pasal 15–16")])

    def chunk(text, source="uu.md"):
        return Chunk(id="x", source=source, title="", label="", kind="regulation", year=None,
                     location="Pasal 19", text=text, order=0)
    # it names neither "usaha" nor "difasilitasi", but goes on from the article quoted
    cites = "Pemasaran sebagaimana dimaksud dalam Pasal 16 ayat (1) dilakukan dengan promosi."
    assert continues(follow, chunk(cites))
    assert not continues(follow, chunk(cites.replace("Pasal 16", "Pasal 18")))
    assert not continues(follow, chunk(cites, source="pp.md"))


def test_a_passage_under_one_of_the_places_its_title_lists_is_about_that_place_only():
    names = frozenset({"sulawesi", "maluku", "papua"})
    title = "RPJMN 2025-2029, Wilayah Sulawesi, Maluku, dan Papua"

    def chunk(location, text="Rata-rata upah buruh (Maluku: Rp2,3 juta; Nasional: Rp3,02 juta)."):
        return Chunk(id="x", source="rpjmn.md", title=title, label="RPJMN", kind="plan",
                     year=2025, location=location, text=text, order=0)
    maluku = chunk("4.7 Wilayah Maluku · Isu Wilayah")
    assert "Papua" not in surroundings(maluku, names)
    # a place that names nothing the title lists keeps the title ("Pasal 6" of a law)
    assert "Papua" in surroundings(chunk("Bab II"), names)
    question = ask("Berapa rata-rata upah buruh di Papua?")
    spans = list(candidate_spans([Passage(maluku, 1.0, 0, 0)]))
    assert spans and not any(admissible(question, s, lambda t: 3.0, names) for s in spans)
    follow = resolve_followup(ask("Upahnya berapa?"), ask("Apa isu SDM di Papua?"), ["rpjmn.md"])
    assert not continues(follow, maluku, names)
    assert continues(follow, chunk("4.8 Wilayah Papua · Isu Wilayah"), names)
