"""File -> chunks in a worker process with a time and memory budget.

A parser that hangs, recurses without end, exhausts memory or crashes costs one file, never the
ingest or the server; and the chat keeps its interpreter while a large file is read.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

from .chunking import chunk_document
from .documents import Chunk, Document
from .loaders import LoadError, load, one_line

WORKER_MEMORY = 4 * 1024**3  # address space of the worker: a hostile file gets a MemoryError


@dataclasses.dataclass(frozen=True)
class Budget:
    """How long reading and chunking one file may take: ``base`` plus ``per_mb`` per megabyte.

    On pathological input every text step is linear (well under 5 ms per chunk, see
    tests/test_pathological.py), so the budget is only reached by a parser stuck in a loop.
    """

    base: float = 60.0
    per_mb: float = 10.0

    def seconds(self, size: int) -> float:
        return self.base + self.per_mb * size / 1e6


class _Pair:
    """The worker's two pipe ends as one connection."""

    def __init__(self, receive: Connection, send: Connection) -> None:
        self.recv, self.send = receive.recv, send.send


def _work(conn: _Pair, size: int, max_chars: int, max_bytes: int | None) -> None:
    """The worker's loop: a path in, ``("ok", document, chunks)`` or ``("error", reason)`` out."""
    try:
        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))
    except (ValueError, OSError):
        pass  # a lower hard limit is already in force
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone (killed): nothing left to read for
        if path is None:
            return
        try:
            document = load(Path(path), max_bytes)
            chunks = chunk_document(document, size, max_chars)
            conn.send(("ok", dataclasses.replace(document, parts=()), chunks))
        except LoadError as exc:
            conn.send(("error", one_line(exc)))
        except MemoryError:
            conn.send(("error", "needs more memory than a file may use; split the file"))
        except Exception as exc:  # noqa: BLE001 - any parser failure is this file's problem
            conn.send(("error", f"cannot read ({type(exc).__name__}: {one_line(exc)})"))


class Preparer:
    """Reads and chunks files one at a time in a spawned worker, restarted after a timeout.

    Args:
        size: target chunk size.
        max_chars: the longest chunk.
        max_bytes: refuse files larger than this (``None``: no limit).
        budget: the time allowed per file.
    """

    def __init__(self, size: int = 900, max_chars: int = 1100, max_bytes: int | None = None,
                 budget: Budget | None = None) -> None:
        self.size, self.max_chars, self.max_bytes = size, max_chars, max_bytes
        self.budget = budget or Budget()
        self._process: subprocess.Popen[bytes] | None = None
        self._conn: tuple[Connection, Connection] | None = None

    def _start(self) -> None:
        # A fresh interpreter (not a fork of a threaded server, and not a multiprocessing spawn,
        # which would run the caller's main script again); two pipes carry pickled messages.
        from_parent, to_child = os.pipe()
        from_child, to_parent = os.pipe()
        root = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [root, *filter(None, [os.environ.get("PYTHONPATH")])])}
        limit = "" if self.max_bytes is None else str(self.max_bytes)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "assistant.prepare", str(from_parent), str(to_parent),
             str(self.size), str(self.max_chars), limit],
            pass_fds=(from_parent, to_parent), env=env, stdin=subprocess.DEVNULL)
        os.close(from_parent)
        os.close(to_parent)
        self._conn = (Connection(to_child, readable=False), Connection(from_child, writable=False))

    def prepare(self, path: Path, size: int) -> tuple[Document, list[Chunk]]:
        """The document (without its text) and its chunks.

        Args:
            path: a regular file (checked by the caller).
            size: its size in bytes, which sets the time budget.

        Raises:
            LoadError: the file cannot be read, or reading it took longer than its budget.
        """
        if self._process is None or self._process.poll() is not None:
            self._start()
        assert self._process is not None and self._conn is not None  # set by _start
        process, (send, receive) = self._process, self._conn
        seconds = self.budget.seconds(size)
        started = time.monotonic()
        try:
            send.send(str(path))
            while not receive.poll(0.5):
                if process.poll() is not None:
                    raise EOFError
                if time.monotonic() - started > seconds:
                    self._stop(kill=True)
                    raise LoadError(f"reading took longer than {seconds:.0f} s; skipped")
            reply = receive.recv()
        except (EOFError, OSError) as exc:
            code = process.poll()
            self._stop(kill=True)
            raise LoadError(f"the reader crashed on this file (exit code {code})") from exc
        if reply[0] == "error":
            raise LoadError(reply[1])
        return reply[1], reply[2]

    def _stop(self, kill: bool = False) -> None:
        if self._process is None or self._conn is None:
            return
        send, receive = self._conn
        if not kill:
            try:
                send.send(None)
                self._process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                kill = True
        if kill:
            self._process.kill()
            self._process.wait()
        send.close()
        receive.close()
        self._process, self._conn = None, None

    def close(self) -> None:
        """Stop the worker."""
        self._stop()

    def __enter__(self) -> Preparer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":  # the worker: python -m assistant.prepare IN OUT SIZE MAX [BYTES]
    _in, _out, _size, _max, _bytes = sys.argv[1:6]
    _work(_Pair(Connection(int(_in), writable=False), Connection(int(_out), readable=False)),
          int(_size), int(_max), int(_bytes) if _bytes else None)
