"""Tables kept as tables: chunking with headers per row, CSV/XLSX records, table answers and
comparable figures (hash embedder, no model)."""



from assistant.answering.tables import read_out
from assistant.chunking import chunk_document
from assistant.loaders import load
from assistant.tables import Table, find_flattened

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


def test_figures_labelled_with_what_they_are_of_are_cells_of_their_row():
    # RIPIN's Table 4.1: the migas rows give each raw-material figure with its material
    text = ("Tabel 4.1 Proyeksi Kebutuhan NO JENIS INDUSTRI 2015-2019 2020-2024 2015-2019 "
            "2020-2024 I TAMBANG 1 Nikel 0,20 0,25 11 14 II MIGAS 1 Petrokimia (olefin) 15,70 "
            "20,50 Gas : 7,30 Batubara : 12,40 Gas : 13,50 Batubara : 23 2 Petrokimia (aromatik) "
            "3,50 4,20 Minyak bumi : 71 Minyak bumi : 82,30 III AGRO 1 Kakao 0,80 1,05 0,90 1,42 "
            "Sumber : diolah")
    table = next(p for p in find_flattened(text) if isinstance(p, Table))
    assert len(table.rows) == 4  # the rows after the labelled ones are not cut off as prose
    olefin = next(r for r in table.rows if "olefin" in r[2])
    assert olefin[3:] == ("15,70", "20,50", "Gas : 7,30 Batubara : 12,40",
                          "Gas : 13,50 Batubara : 23")  # a repeated label opens the next cell
    assert next(r for r in table.rows if "aromatik" in r[2])[-1] == "Minyak bumi : 82,30"
    assert table.rows[-1][2] == "Kakao" and table.rows[-1][-1] == "1,42"


def test_a_unit_in_a_rows_label_is_each_of_its_figures():
    read = read_out("| Uraian | 2015-2019 | 2020-2024 |", "| Kebutuhan lahan (Ha) | 6.000 | 9.000 |")
    assert read == "Uraian Kebutuhan lahan (Ha); 2015-2019 6.000 Ha; 2020-2024 9.000 Ha"
    assert read_out("| Kawasan | Luas (ha) |", "| Sorong | 523,7 |") == "Kawasan Sorong; Luas 523,7 ha"
    # a column's number in parentheses is no unit
    assert read_out("| Sasaran | (1) |", "| Sentra |  1.090 |") == "Sasaran Sentra; (1) 1.090"


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




def test_a_long_run_of_labelled_figures_is_cut_into_cells_in_linear_time():
    import time

    letters = "abcdefghij"
    labels = [a + b + c + d + e for a in letters for b in letters for c in letters
              for d in letters for e in "ab"]  # 20,000 labels, none repeated
    text = "Tabel 1 Uji No Uraian 1 Baris " + " ".join(f"{w} : {i},5" for i, w in enumerate(
        labels))
    started = time.perf_counter()
    find_flattened(text)
    assert time.perf_counter() - started < 5.0
    from assistant.tables import MAX_LABELS, _labelled_cells

    cells = _labelled_cells([(t, 0) for t in text.split()])
    assert max(c.count(" : ") for c, _ in cells) == MAX_LABELS
