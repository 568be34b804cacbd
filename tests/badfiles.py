"""A zoo of broken, hostile and odd files, made on the fly (nothing binary is committed).

``make_zoo(folder)`` writes them and returns ``(good, bad)``: the names that must be indexed and
the names that must be reported as failed.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

GOOD_TEXT = "Klaster industri Contoh memiliki {n} unit usaha kecil yang terletak di Kecamatan Uji."
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF whose object n (1-based) is ``objects[n-1]``, with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _text_page_pdf(text: str, content_filter: bytes = b"") -> bytes:
    content = b"BT /F1 12 Tf 72 712 Td (" + text.encode("latin-1") + b") Tj ET"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content, b"/Filter " + content_filter if content_filter else b""),
        FONT,
    ])


def _deep_tree_pdf(depth: int) -> bytes:
    """A page tree ``depth`` levels deep with one text page at the bottom."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = level + 2
        parent = b"/Parent %d 0 R " % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages %s/Kids [%d 0 R] /Count 1 >>" % (parent, number + 1))
    page = len(objects) + 1
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                   b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (page - 1, page + 1, page + 2))
    objects.append(_stream(b"BT /F1 12 Tf 72 712 Td (Halaman dalam sekali di pohon) Tj ET"))
    objects.append(FONT)
    return pdf(objects)


def _looping_tree_pdf() -> bytes:
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"])


def _fpdf(texts: list[str]) -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.set_font("helvetica", size=12)
    for text in texts:
        document.add_page()
        document.multi_cell(0, 10, text)
    return bytes(document.output())


def _encrypted(user_password: str, algorithm: str, text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_fpdf([text]))))
    writer.encrypt(user_password=user_password, owner_password="pemilik-rahasia",
                   algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image_only_pdf() -> bytes:
    from fpdf import FPDF

    png = _png(40, 40)
    document = FPDF()
    document.add_page()
    document.image(io.BytesIO(png), x=10, y=10, w=50)
    return bytes(document.output())


def _png(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + bytes((x * 5 + y * 3) % 256 for x in range(width * 3))
                   for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Catatan Uji", level=1)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_with(replace: dict[str, bytes | None]) -> bytes:
    """A valid .docx with some of its members replaced (``None`` drops the member)."""
    source = zipfile.ZipFile(io.BytesIO(_docx(GOOD_TEXT.format(n=1))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename in replace:
                if replace[item.filename] is not None:
                    target.writestr(item.filename, replace[item.filename])
            else:
                target.writestr(item, source.read(item.filename))
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def make_zoo(folder: Path) -> tuple[set[str], set[str]]:
    """Write the zoo into ``folder``.

    Returns:
        (names that must be indexed, names that must fail with a reason).
    """
    folder.mkdir(parents=True, exist_ok=True)
    good: dict[str, bytes] = {
        "baik.md": f"# Catatan Baik\n\n{GOOD_TEXT.format(n=11)}\n".encode(),
        "utf16.txt": f"Catatan UTF-16\n\n{GOOD_TEXT.format(n=12)}".encode("utf-16"),
        "aes_terbuka.pdf": _encrypted("", "AES-256", GOOD_TEXT.format(n=13)),
        "aes128_terbuka.pdf": _encrypted("", "AES-128", GOOD_TEXT.format(n=14)),
        "rc4_terbuka.pdf": _encrypted("", "RC4-128", GOOD_TEXT.format(n=15)),
        "baik.docx": _docx(GOOD_TEXT.format(n=16)),
        "baik.html": f"<html><title>Uji</title><p>{GOOD_TEXT.format(n=17)}</p></html>".encode(),
        # legacy single-byte encodings are decoded, not refused
        "latin1.txt": f"Catatan Latin-1 caf\xe9\n\n{GOOD_TEXT.format(n=26)}".encode("latin-1"),
        "windows1252.txt": f"Catatan \u201cWindows\u201d \u2013 1252\n\n{GOOD_TEXT.format(n=27)}"
                           .encode("cp1252"),
        "peraturan_ü_ñ.md": f"# Unicode\n\n{GOOD_TEXT.format(n=18)}\n".encode(),
        "huruf_besar.txt": b"A" * 300_000,  # one "word" of capitals: must stay linear
        "baris_panjang.md": ("Kalimat uji. " * 40_000).encode(),
        "bersarang.html": (b"<div>" * 50_000 + GOOD_TEXT.format(n=19).encode()
                           + b"</div>" * 50_000),
        "daftar_bersarang.html": (b"<ul><li>" * 3_000 + GOOD_TEXT.format(n=20).encode()
                                  + b"</li></ul>" * 3_000),
    }
    bad: dict[str, bytes] = {
        "aes_sandi.pdf": _encrypted("rahasia", "AES-256", GOOD_TEXT.format(n=21)),
        "rc4_sandi.pdf": _encrypted("rahasia", "RC4-128", GOOD_TEXT.format(n=22)),
        "jbig2.pdf": _text_page_pdf("JBIG2 halaman", b"/JBIG2Decode"),
        "filter_asing.pdf": _text_page_pdf("Filter tak dikenal", b"/FooBarDecode"),
        "pohon_dalam.pdf": _deep_tree_pdf(150),
        "pohon_berputar.pdf": _looping_tree_pdf(),
        "terpotong.pdf": _fpdf([GOOD_TEXT.format(n=23)])[:400],
        "nol.pdf": b"",
        "hanya_kepala.pdf": b"%PDF-1.4\n",
        "gambar_saja.pdf": _image_only_pdf(),
        "html_bernama.pdf": b"<html><body>bukan pdf</body></html>",
        "zip_sampah.docx": _zip({"a.txt": b"hello", "b.bin": os.urandom(64)}),
        "zip_kosong.docx": _zip({}),
        "pdf_bernama.docx": _fpdf([GOOD_TEXT.format(n=24)]),
        "xml_rusak.docx": _docx_with({"word/document.xml": b"<w:document><w:body><w:p>"}),
        "tanpa_dokumen.docx": _docx_with({"word/document.xml": None}),
        "docx_kosong.docx": _docx(""),
        "utf16_tanpa_bom.txt": ("Catatan tanpa penanda urutan " * 10).encode("utf-16-le"),
        "nul.txt": b"teks\x00dengan\x00nul " * 50,
        "kendali.md": b"teks \x01\x02\x03\x04\x05\x06\x07\x08 kendali " * 40,
        "kosong.md": b"",
        "spasi.txt": b"  \n\n\t \n",
        "bom_saja.txt": b"\xef\xbb\xbf",
        "skrip_saja.html": b"<html><script>" + b"var a=1;" * 500 + b"</script><style>p{}</style></html>",
        "biner.html": bytes(range(256)) * 16,
        "pendek.md": b"ok",
    }
    for name, data in {**good, **bad}.items():
        (folder / name).write_bytes(data)
    # Not files: a folder named like a PDF (its contents are indexed), a FIFO that would block
    # a naive read forever, a symlink loop and a dangling link.
    inside = folder / "map.pdf"
    inside.mkdir()
    (inside / "di_dalam.md").write_text(f"# Di Dalam\n\n{GOOD_TEXT.format(n=25)}\n")
    os.mkfifo(folder / "pipa.txt")
    os.symlink(folder / "putaran_b.md", folder / "putaran_a.md")
    os.symlink(folder / "putaran_a.md", folder / "putaran_b.md")
    os.symlink(folder / "tidak_ada.md", folder / "menggantung.md")
    os.symlink(folder, folder / "map_berputar")  # a folder link back to the top
    good_names = set(good) | {"di_dalam.md"}
    bad_names = set(bad) | {"pipa.txt", "putaran_a.md", "putaran_b.md", "menggantung.md"}
    return good_names, bad_names
