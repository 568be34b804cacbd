"""Candidate spans: sentences, a list with its lead-in, list items, never signature boilerplate."""

from builders import make_chunk

from assistant.answering.spans import (
    candidate_spans,
    chunk_units,
    ends_in_a_list,
    ends_in_an_item,
    inline_items,
    leads_in,
    list_continuation,
)
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


def test_an_item_opening_a_list_marked_another_way_leads_it_in_when_the_outer_list_goes_on():
    text = ("a. penyediaan ruang kreatif;\nb. Pengembangan sentra Industri kreatif, antara lain;\n"
            "1) bantuan mesin peralatan;\n2) pembangunan UPT;\n3) bantuan tenaga ahli.\n"
            "c. Pelatihan teknologi dan desain.")
    units = chunk_units(text)
    assert leads_in(units, 1) and not leads_in(units, 0) and not leads_in(units, 2)
    nested = next(s for s in _spans(text) if s.is_list)
    assert nested.quote.startswith("b. Pengembangan") and "2) pembangunan UPT;" in nested.quote
    for closed in (
        # an item ending its sentence: "(1)" opens the next article
        "b. menjamin keamanan pengangkutan.\n(1) Industri kecil ditetapkan.\nc. lain.",
        # the last "Menimbang" item: the "Mengingat" list follows, and no "e." after it
        "d. bahwa perlu menetapkan Kawasan Ekonomi Khusus Sorong;\n1. Pasal 5 ayat (2) UUD;\n"
        "2. Undang-Undang Nomor 39 Tahun 2009;",
        # the same marking goes on with the same list; a list opens at its first item
        "b. pertama;\nc. kedua;\nd. ketiga;",
        "b. pertama;\n2) kedua;\n3) ketiga;\nc. keempat;",
    ):
        assert not leads_in(chunk_units(closed), 0), closed


def test_a_flattened_tables_row_label_leads_in_the_numbered_cell_after_it():
    # a two-column table read as one line: each row's label, then its cell's numbered items
    text = ("No. Kriteria Indikator Kuantitatif 1 Memenuhi kebutuhan dalam negeri 1. "
            "Pertumbuhan nilai impor 2. Pertumbuhan volume impor 2 Meningkatkan penyerapan "
            "tenaga kerja 1. Tenaga kerja per perusahaan 2. Output per tenaga kerja")
    units = chunk_units(text)
    assert units[0].endswith("1 Memenuhi kebutuhan dalam negeri") and leads_in(units, 0)
    row = next(s for s in _spans(text) if s.is_list)
    assert row.quote.startswith("No. Kriteria") and "2. Pertumbuhan volume impor" in row.quote
    # a sentence the numbered list follows is no label: it closes, and leads nothing in; nor
    # does an item the next row's label ran into
    assert not leads_in(chunk_units("Sasaran ditetapkan. 1. Pertama; 2. Kedua."), 0)
    second = units.index("2. Pertumbuhan volume impor 2 Meningkatkan penyerapan tenaga kerja")
    assert not leads_in(units, second)
    # the next row's items are another list: the first row's label is not their lead-in
    spans = _spans(text)
    assert next(s for s in spans if s.quote == "1. Tenaga kerja per perusahaan").before == \
        units[second]
    assert next(s for s in spans if s.quote == "2. Output per tenaga kerja").before == \
        "1. Tenaga kerja per perusahaan"
    # a sentence closing inside a bracket, and an enactment line, are no labels
    for closing in ("Hal ini diatur lebih lanjut (lihat Pasal 5.)",
                    "Ditetapkan di Jakarta pada tanggal 5 Mei 2014"):
        assert not leads_in([closing, "1. Lampiran satu", "2. Lampiran dua"], 0), closing


def test_a_long_sentence_also_offers_its_clauses():
    long = ("Pemerintah daerah memberikan insentif fiskal kepada pelaku usaha di kawasan, "
            "termasuk keringanan pajak daerah dan retribusi daerah, " * 8).strip().rstrip(",") + "."
    spans = _spans(long)
    assert spans[0].quote == long and len(spans) > 1
    assert all(s.quote in long and len(s.quote) < len(long) for s in spans[1:])


def test_a_chunk_that_stops_inside_a_list_and_the_items_that_continue_it():
    cut = "WPPI disusun berdasarkan kriteria sebagai berikut:\na. potensi sumber daya alam;\n" \
          "b. ketersediaan infrastruktur transportasi;"
    assert ends_in_a_list(cut) and ends_in_a_list("Fasilitas itu meliputi:")
    assert not ends_in_a_list("a. potensi sumber daya alam.\nKalimat biasa.")
    assert ends_in_a_list("c. kesehatan masyarakat;\nd. berbasis teknologi tinggi; dan/atau")
    following = "c. kebijakan afirmatif;\nd. penguatan rantai nilai; dan\ne. industri hijau.\n" \
                "Penjelasan berikutnya bukan butir."
    assert list_continuation(following) == following.rsplit("\n", 1)[0]
    assert list_continuation("Kalimat biasa.\na. butir;") == ""


def test_an_item_closed_with_a_full_stop_continues_when_the_next_chunk_opens_with_the_next_marker():
    cut = "berdampak pada beberapa hal berikut:\na. FDI meningkat;\nb. bagian dari GVCs)."
    assert not ends_in_a_list(cut) and ends_in_an_item(cut)
    assert ends_in_a_list(cut, "c. perlindungan berkurang;\nd. arus impor deras; dan")
    assert not ends_in_a_list(cut, "3. Kebijakan Otonomi Daerah")  # another list, not this one
    assert ends_in_a_list("(1) Ayat satu.\n(2) Ayat dua.", "(3) Ayat tiga.")


def test_a_list_of_five_long_items_is_quoted_whole():
    items = [f"{m}. semakin {'meningkatnya sesuatu yang panjang sekali ' * 4}{m};" for m in "abcde"]
    text = "Perjanjian itu berdampak pada beberapa hal berikut:\n" + "\n".join(items)
    spans = _spans(text)
    assert any(s.is_list and "e. semakin" in s.quote for s in spans)


def test_a_numbered_list_run_together_on_one_line_is_cut_into_its_items():
    line = ("Tabel 7.5 Program Pembangunan Kawasan Industri 11. Pembangunan sarana RISTEKIN "
            "12. Revitalisasi kawasan industri yang sudah beroperasi, khususnya di luar Pulau "
            "Jawa 13. Pembentukan kelembagaan pengelolaan kawasan industri (Pemerintah "
            "melakukan investasi langsung)")
    units = chunk_units(line)
    assert units[0] == "Tabel 7.5 Program Pembangunan Kawasan Industri"  # "7.5" marks no item
    assert units[2].startswith("12. Revitalisasi") and units[2].endswith("Pulau Jawa")
    assert units[3] == ("13. Pembentukan kelembagaan pengelolaan kawasan industri (Pemerintah "
                        "melakukan investasi langsung)")
    # a lone number before a capital is a sentence's figure, not an item
    assert inline_items("Luasnya sebesar 5. Kemudian ada 2 zona.") == [
        "Luasnya sebesar 5. Kemudian ada 2 zona."]
    many = " ".join(f"{n % 90 + 1}. Butir" for n in range(100_000))  # linear on a long run
    assert len(inline_items(many)) == 100_000
