"""CSV and XLSX files: each row a record under its column headers, cited by sheet and row."""

import pytest
from test_tables import CSV, _load

from assistant.chunking import chunk_document
from assistant.loaders import SUPPORTED, LoadError, load


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
