

import pytest

from assistant.loaders import LoadError, citation_label, load

TEXT = "Klaster industri adalah jaringan industri inti, pemasok, pendukung dan terkait."


def test_markdown_title_label_kind_and_year(tmp_path):
    path = tmp_path / "uu.md"
    path.write_text("# Undang-Undang Republik Indonesia Nomor 3 Tahun 2014 tentang Perindustrian"
                    f"\n\n{TEXT}\n", encoding="utf-8")
    doc = load(path)
    assert doc.label == "UU 3/2014" and doc.kind == "regulation" and doc.year == 2014
    assert TEXT in doc.parts[0].text and doc.source == "uu.md" and len(doc.sha256) == 64


def test_markdown_front_matter_gives_year_and_kind_but_is_not_text(tmp_path):
    path = tmp_path / "tulisan.md"
    path.write_text("# Dampak Daya Saing Klaster Industri\n\n- Penulis/Author: M. Millenia\n"
                    "- Terbit/Published: 11 November 2019, Kompasiana\n- Jenis/Kind: artikel blog"
                    f"\n\n---\n\n{TEXT}\n", encoding="utf-8")
    doc = load(path)
    assert doc.year == 2019 and doc.kind == "article"
    assert "Penulis" not in doc.parts[0].text and TEXT in doc.parts[0].text
    # a licence note citing another law says neither when nor what the document is
    path.write_text("# Catatan Lokakarya\n\n- Lisensi: Peraturan perundang-undangan, UU No. 28 "
                    "Tahun 2014\n- Terbit/Published: 3 Maret 2021\n\n---\n\n" + TEXT,
                    encoding="utf-8")
    doc = load(path)
    assert doc.year == 2021 and doc.kind == "document"


def test_text_file(tmp_path):
    path = tmp_path / "catatan.txt"
    path.write_text(f"Catatan lokakarya\n\n{TEXT}", encoding="utf-8")
    doc = load(path)
    assert doc.title == "Catatan lokakarya" and TEXT in doc.parts[0].text


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_encoded_text_is_decoded(tmp_path, encoding):
    path = tmp_path / "lama.txt"
    title = "Catatan \u201cKlaster\u201d \u2013 caf\xe9" if encoding == "cp1252" else "Catatan caf\xe9"
    path.write_bytes(f"{title}\n\n{TEXT}".encode(encoding))
    doc = load(path)
    assert doc.title == title and TEXT in doc.parts[0].text


def test_html_drops_scripts_and_keeps_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Kebijakan Klaster</title><script>alert(1)</script>"
                    f"</head><body><h2>Definisi</h2><p>{TEXT}</p><ul><li>OVOP</li></ul>"
                    "</body></html>", encoding="utf-8")
    doc = load(path)
    assert doc.title == "Kebijakan Klaster"
    assert "## Definisi" in doc.parts[0].text and TEXT in doc.parts[0].text
    assert "alert" not in doc.parts[0].text and "OVOP" in doc.parts[0].text


def test_pdf_pages(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in (TEXT, "Halaman kedua tentang kawasan ekonomi khusus Bitung seluas 534 ha."):
        pdf.add_page()
        pdf.multi_cell(0, 10, text)
    path = tmp_path / "laporan.pdf"
    pdf.output(str(path))
    doc = load(path)
    assert [p.page for p in doc.parts] == [1, 2]
    assert "534 ha" in doc.parts[1].text


def test_docx_headings(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Materi Pelatihan Klaster", level=1)
    document.add_heading("Tahapan", level=2)
    document.add_paragraph(TEXT)
    path = tmp_path / "materi.docx"
    document.save(str(path))
    doc = load(path)
    assert doc.title == "Materi Pelatihan Klaster"
    assert "## Tahapan" in doc.parts[0].text and TEXT in doc.parts[0].text


def _odt(path, title: str | None, blocks: list[tuple[str, str]]) -> None:
    """Write an OpenDocument text with odfpy: ("h1"/"h2"/"p"/"li"/"cell", text) blocks."""
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, P, S, Span

    document = OpenDocumentText()
    if title:
        from odf.dc import Title

        document.meta.addElement(Title(text=title))
    body = document.text
    for kind, text in blocks:
        if kind.startswith("h"):
            body.addElement(H(outlinelevel=int(kind[1]), text=text))
        elif kind == "li":
            items, item = List(), ListItem()
            item.addElement(P(text=text))
            items.addElement(item)
            body.addElement(items)
        elif kind == "cell":
            table = Table(name="t")
            table.addElement(TableColumn(numbercolumnsrepeated=2))
            row = TableRow()
            for cell_text in text.split("|"):
                cell = TableCell()
                cell.addElement(P(text=cell_text))
                row.addElement(cell)
            table.addElement(row)
            body.addElement(table)
        else:  # a paragraph with a styled span and an explicit run of spaces inside
            first, _, rest = text.partition(" ")
            para = P(text=first)
            para.addElement(S(c=3))
            para.addElement(Span(text=rest))
            body.addElement(para)
    document.save(str(path))


def test_odt_headings_become_locations_and_lists_and_tables_are_read(tmp_path):
    from assistant.chunking import chunk_document

    path = tmp_path / "materi.odt"
    _odt(path, "Materi Pelatihan Klaster", [
        ("h1", "Tahapan"), ("p", TEXT), ("li", "OVOP: satu desa satu produk."),
        ("h1", "Pembiayaan"), ("p", "Pemerintah daerah memberikan insentif fiskal kepada klaster."),
        ("cell", "Bitung|534 ha"),
    ])
    doc = load(path)
    text = doc.parts[0].text
    assert doc.title == "Materi Pelatihan Klaster" and doc.source == "materi.odt"
    assert "## Tahapan" in text and "## Pembiayaan" in text
    assert TEXT in text  # the span after an explicit run of spaces joins with one space
    assert "OVOP: satu desa satu produk." in text and "Bitung | 534 ha" in text
    places = {c.location for c in chunk_document(doc, size=200)}
    assert {"Tahapan", "Pembiayaan"} <= places


def test_odt_without_meta_title_takes_its_first_heading(tmp_path):
    path = tmp_path / "catatan.odt"
    _odt(path, None, [("h1", "Catatan Lokakarya"), ("p", TEXT)])
    assert load(path).title == "Catatan Lokakarya"


def test_odt_with_an_entity_bomb_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "bomb.odt"
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", bomb)
    with pytest.raises(LoadError, match="unreadable .odt"):
        load(path)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.md", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("junk.md", bytes(range(256)) * 4, "binary"),
        ("c1.txt", bytes(range(128, 256)) * 8, "binary"),
        ("nul.txt", b"abc\x00def" * 50, "binary"),
        ("corrupt.pdf", b"%PDF-1.4\n garbage that is not a pdf", "PDF"),
        ("corrupt.docx", b"PK\x03\x04 not really a zip", "docx"),
        ("corrupt.odt", b"PK\x03\x04 not really a zip", "odt"),
        ("tiny.md", b"ok", "no readable text"),
        ("data.xls", b"whatever", "unsupported"),
    ],
)
def test_broken_files_raise_clear_errors(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError, match=reason):
        load(path)


def test_citation_labels():
    assert citation_label("Peraturan Pemerintah Nomor 14 Tahun 2015 tentang RIPIN", "x") == "PP 14/2015"
    assert citation_label("RPJMN 2025-2029 (Lampiran Perpres No. 12 Tahun 2025)", "x") == "RPJMN 2025-2029"
    assert citation_label("Dampak Daya Saing Klaster", "x") == "Dampak Daya Saing Klaster"
