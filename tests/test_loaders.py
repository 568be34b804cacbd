

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


def test_text_file(tmp_path):
    path = tmp_path / "catatan.txt"
    path.write_text(f"Catatan lokakarya\n\n{TEXT}", encoding="utf-8")
    doc = load(path)
    assert doc.title == "Catatan lokakarya" and TEXT in doc.parts[0].text


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


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.md", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("junk.md", bytes(range(256)) * 4, "UTF-8"),
        ("latin1.txt", "Industri kecil dan menengah \xe9\xe8 ".encode("latin-1") * 5, "UTF-8"),
        ("nul.txt", b"abc\x00def" * 50, "binary"),
        ("corrupt.pdf", b"%PDF-1.4\n garbage that is not a pdf", "PDF"),
        ("corrupt.docx", b"PK\x03\x04 not really a zip", "docx"),
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
