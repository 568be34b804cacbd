"""Tables kept as tables: chunking with headers per row, CSV/XLSX records, table answers and
comparable figures (hash embedder, no model)."""

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.answering import Reader, analyze
from assistant.answering.figures import Figure, parse_number
from assistant.answering.scorer import load_weights
from assistant.answering.vectors import SentenceVectors
from assistant.chunking import chunk_document
from assistant.documents import Chunk, Passage
from assistant.embeddings import HashEmbedder
from assistant.keywords import KeywordIndex
from assistant.loaders import SUPPORTED, LoadError, load

HEADER = "| No | Fasilitas | Satuan | 2015-2019 | 2020-2024 |"
ROWS = [
    "| 1 | Penguatan sentra IKM | sentra | 1.090 | 1.305 |",
    "| 2 | Revitalisasi Unit Pelayanan Teknis | UPT | 110 | 260 |",
    "| 3 | Fasilitas mesin dan peralatan untuk IKM | unit IKM | 815 | 1.165 |",
    "| 4 | Fasilitasi akses pembiayaan untuk IKM | unit IKM | 5.200 | 6.300 |",
    "| 5 | Penyediaan tenaga penyuluh lapangan | orang | 1.000 | 1.200 |",
]
MARKDOWN = ("# Rencana Pengembangan IKM\n\n## Sasaran\n\nSasaran penguatan IKM adalah sebagai "
            "berikut.\n\n" + "\n".join([HEADER, "| --- | --- | --- | --- | --- |", *ROWS])
            + "\n\nSetelah tabel, teks berlanjut seperti biasa.\n")
FLAT = ("# RIPIN\n\n## Lampiran\n\nUntuk mendukung IKM ditetapkan sasaran berikut: Tabel 8.1 "
        "Sasaran Fasilitas IKM No Sasaran Periode I PENGUATAN KELEMBAGAAN 1 Penguatan Sentra IKM "
        "(sentra) 1.090 1.305 2285 2 Revitalisasi UPT (unit) 110 260 685 II PEMBERIAN FASILITAS "
        "1 Bantuan mesin (unit IKM) 815 1165 2665 2 Fasilitasi akses pembiayaan (unit IKM) 5200 "
        "6300 12600 Sasaran tersebut dicapai bertahap.\n")
CSV = ("Provinsi;Jumlah IKM;Tahun\n"
       "Papua;1.250;2023\nMaluku;2.480;2023\nSulawesi Utara;3.975;2023\nNusa Tenggara Timur;"
       "4.120;2023\n")


def _load(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return load(path)


def _table_lines(text):
    return [line for line in text.split("\n") if line.startswith("|")]


def test_markdown_table_rows_keep_their_header_and_are_never_cut(tmp_path):
    doc = _load(tmp_path, "rencana.md", MARKDOWN)
    chunks = chunk_document(doc, size=200, max_chars=300)
    tables = [c for c in chunks if HEADER in c.text]
    assert len(tables) >= 2  # small chunks: the table is split, the header repeated
    rows = [line for c in tables for line in _table_lines(c.text)[2:]]
    assert rows == ROWS  # every row whole, once, in order
    assert all(_table_lines(c.text)[1].startswith("| ---") for c in tables)
    prose = " ".join(c.text for c in chunks if c not in tables)
    assert "Setelah tabel" in prose and "1.090" not in prose


def test_flattened_table_becomes_rows_with_headers(tmp_path):
    doc = _load(tmp_path, "ripin.md", FLAT)
    chunks = chunk_document(doc)
    table = next(c for c in chunks if "| ---" in c.text)
    lines = _table_lines(table.text)
    assert table.text.startswith("Tabel 8.1 Sasaran Fasilitas IKM")
    assert lines[0] == "| No | Kelompok | Sasaran | Periode (1) | Periode (2) | Periode (3) |"
    assert "| 2 | II PEMBERIAN FASILITAS | Fasilitasi akses pembiayaan (unit IKM) | 5200 | 6300 " \
           "| 12600 |" in lines
    assert len(lines) == 6 and table.location.startswith("Lampiran")
    assert any("Sasaran tersebut dicapai bertahap." in c.text for c in chunks)


def test_pdf_table_lines_become_a_table_best_effort(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ["Tabel 8.1 Sasaran Fasilitas IKM", "No Sasaran Periode",
                 "1 Penguatan Sentra IKM (sentra) 1.090 1.305 2285",
                 "2 Revitalisasi UPT (unit) 110 260 685", "3 Bantuan mesin (unit IKM) 815 1165 2665",
                 "Sasaran tersebut dicapai bertahap."]:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "ripin.pdf"))
    chunks = chunk_document(load(tmp_path / "ripin.pdf"))
    table = next(c for c in chunks if "| ---" in c.text)
    assert _table_lines(table.text)[3] == "| 2 | Revitalisasi UPT (unit) | 110 | 260 | 685 |"
    assert table.location == "hlm. 1" and len(_table_lines(table.text)) == 5


def test_html_and_docx_tables_become_markdown_tables(tmp_path):
    html = ("<html><body><h2>Data</h2><p>Jumlah unit IKM per provinsi.</p><table><caption>Tabel 1"
            "</caption><tr><th>Provinsi</th><th>Unit</th></tr><tr><td>Papua</td><td>1.250</td>"
            "</tr><tr><td>Maluku</td><td>2.480</td></tr></table></body></html>")
    text = _load(tmp_path, "data.html", html).parts[0].text
    assert "| Provinsi | Unit |\n| --- | --- |\n| Papua | 1.250 |\n| Maluku | 2.480 |" in text
    import docx

    document = docx.Document()
    document.add_paragraph("Jumlah unit IKM per provinsi menurut data terbaru.")
    grid = document.add_table(rows=3, cols=2)
    for r, row in enumerate([("Provinsi", "Unit"), ("Papua", "1.250"), ("Maluku", "2.480")]):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    document.save(str(tmp_path / "data.docx"))
    text = load(tmp_path / "data.docx").parts[0].text
    assert "| Provinsi | Unit |\n| --- | --- |\n| Papua | 1.250 |" in text


def test_csv_rows_are_records_cited_by_row(tmp_path):
    doc = _load(tmp_path, "ikm_provinsi.csv", CSV.encode("cp1252"))
    chunks = chunk_document(doc)
    assert [c.header for c in chunks] == [f"ikm_provinsi.csv · row {n}" for n in range(2, 6)]
    assert chunks[1].text == ("| Provinsi | Jumlah IKM | Tahun |\n| --- | --- | --- |\n"
                              "| Maluku | 2.480 | 2023 |")


def test_csv_encoding_is_sniffed(tmp_path):
    text = "Daerah,Catatan\nBanten,Sentra kerajinan Pandeglang é\nJawa Barat,Sentra Kasongan é\n"
    doc = _load(tmp_path, "latin.csv", text.encode("cp1252"))
    assert "Pandeglang é" in doc.parts[0].text


def test_xlsx_rows_are_cited_with_their_sheet(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "IKM"
    for row in [("Provinsi", "Unit usaha"), ("Papua", 1250), ("Maluku", 2480.0)]:
        sheet.append(row)
    other = book.create_sheet("Kosong")
    other.append(("hanya judul",))
    book.save(tmp_path / "statistik.xlsx")
    chunks = chunk_document(load(tmp_path / "statistik.xlsx"))
    assert [c.header for c in chunks] == ["statistik.xlsx · IKM · row 2",
                                          "statistik.xlsx · IKM · row 3"]
    assert chunks[1].text.endswith("| Maluku | 2480 |")


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("rusak.csv", b"\x00\x01\x02binary\x00" * 40, "binary"),
    ("header_only.csv", b"Provinsi,Jumlah\n", "no data rows"),
    ("rusak.xlsx", b"PK\x03\x04 not really a zip", "xlsx"),
    ("teks.xlsx", b"Provinsi,Jumlah\nPapua,3\n", "xlsx"),
])
def test_broken_tables_fail_with_one_line(tmp_path, name, data, reason):
    with pytest.raises(LoadError, match=reason) as caught:
        _load(tmp_path, name, data)
    assert "\n" not in str(caught.value)


def test_table_types_are_accepted_everywhere():
    assert {".csv", ".xlsx"} <= set(SUPPORTED)


def test_numbers_are_read_as_indonesian_documents_write_them():
    assert parse_number("1.090") == 1090
    assert parse_number("18,67") == 18.67
    assert parse_number("6,8%") == 6.8
    assert parse_number("1.559.831") == 1559831
    assert parse_number("10.5") == 10.5
    assert parse_number("Papua") is None and parse_number("2015-2019") is None


# --- table answers on hand-made passages ---------------------------------------------------------

def _chunks(tmp_path):
    table = chunk_document(_load(tmp_path, "rencana.md", MARKDOWN))
    csv_rows = chunk_document(_load(tmp_path, "ikm_provinsi.csv", CSV))
    return table + csv_rows


@pytest.fixture
def reader_and_chunks(tmp_path):
    chunks = _chunks(tmp_path)
    index = KeywordIndex(Path(tempfile.mkdtemp(prefix="klaster-keywords-")))
    writer = index.writer()
    for chunk in chunks:
        writer.add(chunk.source, {"source": chunk.source}, [chunk])
    writer.flush()
    embedder = HashEmbedder()
    # The hash embedder's similarities mean nothing, so the refusal model is not asked here: these
    # tests are about which rows a table answer quotes (the real model is in test_tables_index).
    weights = replace(load_weights(), threshold=0.0)
    reader = Reader(index.idf, index.known, SentenceVectors(embedder), embedder.embed_query,
                    weights)
    return reader, index, chunks


def _passages(chunks: list[Chunk]) -> list[Passage]:
    return [Passage(chunk=c, score=1.0 / (i + 1)) for i, c in enumerate(chunks)]


def test_table_answer_quotes_only_the_rows_that_answer_with_the_header(reader_and_chunks):
    reader, index, chunks = reader_and_chunks
    tables = [c for c in chunks if c.source == "rencana.md" and HEADER in c.text]
    question = analyze("Fasilitas apa saja untuk IKM?", known=index.known)
    answer = reader(question, _passages(tables))
    assert answer.found
    lines = [line for line in answer.text.split("\n") if line.startswith("|")]
    assert lines[0] == HEADER[:-1] + "| |"
    body = lines[2:]
    assert {line.split(" | ")[1] for line in body} == {
        "Fasilitas mesin dan peralatan untuk IKM", "Fasilitasi akses pembiayaan untuk IKM"}
    assert all(line.endswith("| [1] |") for line in body)
    assert answer.citations[0].quote.startswith(HEADER)


def test_comparison_cites_each_row_and_gives_its_figures(reader_and_chunks):
    reader, index, chunks = reader_and_chunks
    rows = [c for c in chunks if c.source == "ikm_provinsi.csv"]
    question = analyze("Provinsi mana yang jumlah IKM tertinggi?", known=index.known)
    answer = reader(question, _passages(rows))
    assert answer.found and len(answer.citations) == 4
    assert {c.location for c in answer.citations} == {f"row {n}" for n in range(2, 6)}
    assert sorted(answer.figures, key=lambda f: f.value) == sorted([
        Figure("Papua", 1250.0, "Jumlah IKM", _n(answer, "Papua")),
        Figure("Maluku", 2480.0, "Jumlah IKM", _n(answer, "Maluku")),
        Figure("Sulawesi Utara", 3975.0, "Jumlah IKM", _n(answer, "Sulawesi Utara")),
        Figure("Nusa Tenggara Timur", 4120.0, "Jumlah IKM", _n(answer, "Nusa Tenggara Timur")),
    ], key=lambda f: f.value)
    assert answer.to_dict()["figures"][0]["n"] >= 1


def _n(answer, name):
    return next(c.n for c in answer.citations if f"| {name} |" in c.quote)


def test_prose_comparison_cites_each_named_figure(tmp_path):
    texts = {
        "bitung": "Kawasan Ekonomi Khusus Bitung memiliki luas 534 ha yang terletak di Kota Bitung.",
        "sorong": "Kawasan Ekonomi Khusus Sorong memiliki luas 523,7 ha yang terletak di Kabupaten "
                  "Sorong.",
        "lain": "Kawasan Ekonomi Khusus dikelola oleh badan usaha yang ditetapkan pemerintah.",
    }
    chunks = [Chunk(id=k, source=f"{k}.md", title="PP KEK", label="PP KEK", kind="regulation",
                    year=2014, location=f"KEK {k.title()}", text=t, order=0)
              for k, t in texts.items()]
    index = KeywordIndex(Path(tempfile.mkdtemp(prefix="klaster-keywords-")))
    writer = index.writer()
    for chunk in chunks:
        writer.add(chunk.source, {"source": chunk.source}, [chunk])
    writer.flush()
    embedder = HashEmbedder()
    reader = Reader(index.idf, index.known, SentenceVectors(embedder), embedder.embed_query,
                    replace(load_weights(), threshold=0.0))
    question = analyze("Bandingkan luas KEK Bitung dan KEK Sorong",
                       acronyms={"KEK": "kawasan ekonomi khusus"}, known=index.known)
    answer = reader(question, _passages(chunks))
    assert {c.source for c in answer.citations} >= {"bitung.md", "sorong.md"}
    by_label = {f.label: f for f in answer.figures}
    assert by_label["Bitung"].value == 534.0 and by_label["Sorong"].value == 523.7
    assert {f.unit for f in answer.figures} == {"ha"}
    assert answer.citations[by_label["Sorong"].n - 1].source == "sorong.md"
