"""Which spans may answer: a follow-up's passage, a place its title lists.

The reader's own tests (``test_answering_reader.py``) cover the checks through whole answers.
"""

from test_answering_reader import ask

from assistant.answering import resolve_followup
from assistant.answering.admission import (
    admissible,
    continues,
    surroundings,
    within_longer_name,
)
from assistant.answering.spans import candidate_spans
from assistant.documents import Chunk, Passage


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


def test_a_followup_passage_may_name_what_the_earlier_answer_called_by_the_kind_asked():
    first = ask("Apa komoditas perkebunan unggulan di Provinsi Papua Barat?")
    quote = ("Keunggulan sektor perkebunan di Provinsi Papua Barat dengan komoditas unggulan "
             "kakao Ransiki dan pala Fakfak.")
    follow = resolve_followup(ask("Penghargaan apa yang pernah diraih komoditas tersebut?"),
                              first, ["rpjmn.md"], [], [quote])
    assert follow.referents == ["ransiki"] and "ransiki" in follow.query
    # the place words and function words introducing a name are not the name
    region = resolve_followup(ask("Berapa persen kemiskinan daerah tersebut?"), first,
                              ["rpjmn.md"], [], ["Kemiskinan di daerah Provinsi Maluku Utara."])
    assert region.referents == ["maluku utara"]

    def chunk(text):
        return Chunk(id="x", source="rpjmn.md", title="", label="", kind="document", year=None,
                     location="4.7 Wilayah Maluku", text=text, order=0)
    # the award sentence names the cacao, not the province the earlier question named
    assert continues(follow, chunk("Kakao Ransiki meraih penghargaan gold tahun 2023."))
    # the names the kind noun leads (a few words on), not every name of the clause
    assert not continues(follow, chunk("Pala Fakfak meraih penghargaan tahun 2022."))
    assert not continues(follow, chunk("Kopi Arabika Toraja meraih penghargaan tahun 2022."))
    # the English kind noun stands after its demonstrative and may be the glossary's word
    english = resolve_followup(ask("Which award did that commodity win?"), first, ["rpjmn.md"],
                               [], [quote])
    assert english.referents == ["ransiki"]


def test_a_name_said_only_inside_a_longer_name_is_another_place():
    question = "Berapa kabupaten/kota di Provinsi Maluku yang kemiskinannya di atas nasional?"
    north = "Penduduk miskin Provinsi Maluku Utara lebih tinggi, dengan 6 dari 10 kabupaten/kota."
    assert within_longer_name("maluku", north, question)
    assert not within_longer_name("maluku", north.replace("Maluku Utara", "Maluku"), question)
    # once on its own is enough; the longer name the question asks is the name asked
    assert not within_longer_name("maluku", "Provinsi Maluku Utara dan Maluku naik.", question)
    assert not within_longer_name("maluku", north, "brp kabupaten miskin di maluku utara?")
    assert within_longer_name("papua barat", "Papua Barat Daya tumbuh 5 persen.", "Papua Barat?")
    # a label before a number, a function word, an acronym heading a name: no longer name
    assert not within_longer_name("indonesia", "Republik Indonesia Nomor 3", "UU Indonesia")
    assert not within_longer_name("kek", "KEK Sorong ditetapkan.", "KEK apa saja di Papua?")
    assert not within_longer_name("maluku", "Di Maluku Dan Papua", "Maluku?")
    # the question asks the rest of the name; an English question's words count in Indonesian
    assert not within_longer_name("kelurahan", "berbatasan dengan Kelurahan Manembo-nembo",
                                  "di sebelah barat berbatasan dengan kelurahan apa?")
    assert not within_longer_name("maluku", "Kabupaten Pulau Morotai, Provinsi Maluku Utara",
                                  "How many hectares is the Morotai zone in North Maluku?")
    # a place named after the name, an acronym after it, a heading in Title Case: no longer name
    assert not within_longer_name("morotai", "KEK Morotai Provinsi Maluku Utara", "KEK Morotai?")
    assert not within_longer_name("bitung", "KEK Bitung PDRB naik 5 persen.", "KEK Bitung?")
    assert not within_longer_name("papua", "Tentang Otonomi Khusus Bagi Provinsi Papua Menjadi "
                                  "Undang-Undang", "otonomi papua?")
    assert not within_longer_name("papua", "Papua Barat Daya tumbuh 5 persen.", "Southwest Papua?")


def test_a_span_naming_only_a_longer_place_is_not_admitted():
    question = ask("Berapa kabupaten/kota di Provinsi Maluku yang kemiskinannya di atas nasional?")

    def span(text):
        chunk = Chunk(id="x", source="rpjmn.md", title="RPJMN", label="RPJMN", kind="plan",
                      year=2025, location="4.7 Wilayah Maluku", text=text, order=0)
        return candidate_spans([Passage(chunk, 1.0, 0, 0)])[0]

    north = "Kemiskinan Provinsi Maluku Utara di atas nasional pada 2 dari 10 kabupaten/kota."
    assert not admissible(question, span(north), lambda t: 3.0)
    assert admissible(question, span(north.replace("Maluku Utara", "Maluku")), lambda t: 3.0)


def test_referents_are_read_in_linear_time():
    import time

    from assistant.answering.followup import referents

    def seconds(n):
        names = ("".join("abcdefghij"[int(d)] for d in str(i)) for i in range(n))
        quote = "komoditas unggulan kakao Ransiki" + "".join(f", komoditas Kopi {name.title()}"
                                                          for name in names)
        started = time.perf_counter()
        referents("komoditas tersebut apa?", [quote])
        return time.perf_counter() - started

    seconds(8000)  # every word stemmed once: the rest is the reading itself
    small = seconds(2000)
    assert seconds(8000) < 20 * small + 0.05
