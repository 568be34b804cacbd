"""Limits for strangers on the web app: admin login attempts per client, no anonymous uploads,
and scratch folders for downloads that do not pile up."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI, Request, Response


class LoginLimiter:
    """Failed logins per client: each failure waits ``delay`` seconds, and ``attempts`` failures
    lock the client out for ``lockout`` seconds (HTTP 429), even with the right password.

    Args:
        attempts: failures allowed before the lockout.
        lockout: seconds the lockout lasts.
        delay: seconds every failed attempt is held before its answer.
    """

    def __init__(self, attempts: int = 5, lockout: float = 300.0, delay: float = 1.0) -> None:
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        self.attempts, self.lockout, self.delay = attempts, lockout, delay
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def locked(self, client: str) -> float:
        """Seconds left of ``client``'s lockout, 0 when it may try."""
        now = time.monotonic()
        with self._lock:
            recent = [t for t in self._failures.get(client, []) if now - t < self.lockout]
            self._failures[client] = recent
            if len(recent) < self.attempts:
                return 0.0
            return self.lockout - (now - recent[-self.attempts])

    def failed(self, client: str) -> None:
        with self._lock:
            self._failures.setdefault(client, []).append(time.monotonic())
            if len(self._failures) > 10_000:  # bounded memory under a spray of addresses
                oldest = min(self._failures, key=lambda c: self._failures[c][-1])
                del self._failures[oldest]

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


def protect(web: FastAPI, limiter: LoginLimiter, login_paths: set[str], blocked: set[str]) -> None:
    """Add the limits to a FastAPI app as one HTTP middleware.

    Args:
        web: the FastAPI app.
        limiter: counts failed logins.
        login_paths: paths of Gradio login forms (``/admin/login``).
        blocked: paths refused outright (the public app's ``/gradio_api/upload``).
    """
    from fastapi.responses import JSONResponse

    @web.middleware("http")
    async def limits(request: Request,
                     call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        path = request.url.path
        if path in blocked:
            return JSONResponse({"detail": "uploads are for the admin page only"},
                                status_code=403)
        if request.method != "POST" or path not in login_paths:
            return await call_next(request)
        client = request.client.host if request.client else "?"
        wait = limiter.locked(client)
        if wait > 0:
            return JSONResponse({"detail": f"too many failed logins; try again in "
                                           f"{wait:.0f} s"}, status_code=429,
                                headers={"Retry-After": str(int(wait) + 1)})
        response = await call_next(request)
        if response.status_code >= 400:
            limiter.failed(client)
            await asyncio.sleep(limiter.delay)  # held without holding a worker thread
        else:
            limiter.succeeded(client)
        return response


class Scratch:
    """Folders for files the app hands out (exports, workshop material). Gradio copies a
    returned file into its own cache, so a folder is only needed briefly: older ones are
    removed whenever a new one is made, and all of them by :meth:`close`.

    Args:
        keep: seconds a folder is kept.
    """

    def __init__(self, keep: float = 600.0) -> None:
        self.keep = keep
        self.root = Path(tempfile.mkdtemp(prefix="klaster-scratch-"))
        self._lock = threading.Lock()

    def folder(self) -> Path:
        """A new empty folder; folders older than ``keep`` seconds are removed first."""
        with self._lock:
            now = time.time()
            for old in self.root.iterdir():
                if now - old.stat().st_mtime > self.keep:
                    shutil.rmtree(old, ignore_errors=True)
            return Path(tempfile.mkdtemp(dir=self.root))

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
