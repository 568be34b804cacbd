"""Builders for test data, shared by the unit tests: chunks, documents and small corpora."""

from __future__ import annotations

from pathlib import Path

from assistant.documents import Chunk, Document, Part

PASAL = "Pasal {n}\nKawasan {n} memiliki luas {n}00 ha yang terletak di Kecamatan Contoh {n}.\n"


def make_chunk(text: str, *, source: str = "pp.md", order: int = 0, location: str = "",
               chunk_id: str | None = None, title: str = "PP Contoh", label: str = "PP 1/2020",
               kind: str = "regulation", year: int | None = 2020) -> Chunk:
    """A chunk as the chunker would make it; the id defaults to ``<source>-<order>``."""
    return Chunk(id=chunk_id or f"{source}-{order}", source=source, title=title, label=label,
                 kind=kind, year=year, location=location, text=text, order=order)


def make_document(text: str, *, source: str = "x.md", title: str = "T", label: str = "T",
                  kind: str = "document", year: int | None = None) -> Document:
    """A loaded document of one part."""
    return Document(source, f"/x/{source}", title, label, kind, year, (Part(text),), "0")


def write_regulation(folder: Path, name: str, pasals: range | list[int]) -> Path:
    """A Markdown regulation with one short Pasal per number: ``Kawasan n ... n00 ha``."""
    text = "# Peraturan Pemerintah Nomor 9 Tahun 2020 tentang Contoh\n\n"
    text += "".join(PASAL.format(n=n) for n in pasals)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


class SmallIndex:
    """Two regulations (a.md: Pasal 1-3, b.md: Pasal 4-6) and an empty index on real Chroma,
    embedded by the hashing fake; :meth:`ingest` runs the real ingest over the corpus."""

    def __init__(self, root: Path) -> None:
        from assistant.embeddings import HashEmbedder
        from assistant.store import ChromaStore

        self.corpus = root / "corpus"
        self.corpus.mkdir()
        write_regulation(self.corpus, "a.md", range(1, 4))
        write_regulation(self.corpus, "b.md", range(4, 7))
        self.index = root / "index"
        self.store = ChromaStore(self.index)
        self.embedder = HashEmbedder()

    def ingest(self, **kwargs: object):  # -> IngestReport
        from assistant.ingest import ingest

        return ingest([self.corpus], self.store, self.embedder, self.index, size=200,
                      max_chars=300, progress=False, **kwargs)

    def sources(self) -> list[str]:
        """The file name of every stored chunk, sorted."""
        return sorted(c.source for c in self.store.all_chunks())
