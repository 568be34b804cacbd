"""The persisted keyword index: bm25s segments beside the vector store, updated per changed file.

``<index>/keywords/state.json`` names the live segments and, for every file, the segment holding
its chunks and a signature of their ids. Each ``seg-*`` folder is an immutable, memory-mapped
:class:`~assistant.keywords.segment.Segment`. A writer (ingest, an upload, a removal; the caller
holds the index lock) tokenises only the files it is given, writes them as a new segment,
rewrites the segments that held their old versions from stored token ids, merges small segments
and replaces ``state.json`` atomically. Readers, in this process or in others sharing the folder,
reload when ``state.json`` changes.
"""

from .index import KeywordIndex, signature
from .writer import KeywordWriter

__all__ = ["KeywordIndex", "KeywordWriter", "signature"]
