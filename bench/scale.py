"""How Klaster's costs grow with the corpus: about 1k, 10k and 100k chunks, in one run.

At each size N the index holds the eight shared documents plus synthetic distractors (recombined
sentences, bench/synth.py) up to N chunks, once in the embedded store and once on a Chroma server
(`chroma run` on 127.0.0.1). Printed per store and N: ingest chunks/s, bytes on disk, peak RSS of
the ingest and of `klaster serve`, seconds from `klaster serve` starting to its first answer,
warm retrieval and answer p50/p95 over the golden questions (in-process), the golden score, and
the cost of adding one file; then how each cost grows per 10x, as ratios within this run.

Stand-in embedder (stated wherever it is used): a synthetic chunk's vector is the normalised mean
of real multilingual-e5-small vectors of its sentences, computed once per run; the shared
documents' chunks keep their real vectors and questions are embedded by the real model, so
retrieval and the golden score stay meaningful. It makes ingest at 100k possible on 2 cores;
the real model's ingest speed is measured at 1k.

    python bench/scale.py [--sizes 1000,10000,100000] [--stores disk,server] [--work DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from assistant.config import offline_environment  # noqa: E402 - after the path is set

offline_environment()  # before torch loads: offline, no telemetry, OpenMP threads that sleep
UPLOAD = ("# Notulen Rapat Klaster Rotan\n\nKlaster rotan Palu melibatkan 37 perajin pada tahun "
          "2024. Rapat menyepakati pelatihan desain bagi 12 perajin muda.\n")


def peak_rss_mb(pid: int | str = "self") -> float:
    """Peak resident memory (VmHWM) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def disk_mb(path: Path) -> float:
    """Bytes a folder takes on disk, in MB."""
    return sum(p.stat().st_blocks * 512 for p in path.rglob("*") if p.is_file()) / 1e6


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class StandInEmbedder:
    """Stand-in for ingest: known chunks and their sentences (as the reader embeds them) get
    their real vectors, synthetic ones the mean of their sentences' real vectors; queries go to
    the real model. Without the sentences' real vectors the reader, which reads them from the
    index, ranked spans by hashed vectors (golden 17/30 at 1k instead of 29/30)."""

    def __init__(self, vectors_file: Path) -> None:
        import numpy as np

        from assistant.embeddings import E5Embedder, HashEmbedder

        data = np.load(vectors_file)
        self._vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
        self._real = E5Embedder()
        self._fallback = HashEmbedder()
        self.model_id = self._real.model_id  # the same vector space, so indexes are compatible

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        from assistant.chunking import split_sentences

        out = []
        for text in texts:
            digest = hashlib.sha1(text.encode()).hexdigest()
            # a shared chunk, or one of its sentences as the reader embeds it ("header: …")
            known = self._vectors.get("chunk:" + digest)
            if known is None:
                known = self._vectors.get("unit:" + digest)
            if known is None:
                body = text.partition("\n")[2] if "\n" in text else text.partition(": ")[2]
                parts = [self._vectors[key] for s in split_sentences(body)
                         if (key := "sent:" + s) in self._vectors]
                if not parts:
                    out.append(self._fallback.embed_query(text))
                    continue
                known = np.mean(parts, axis=0)
                known = known / np.linalg.norm(known)
            out.append(known.tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        return self._real.embed_query(text)


def shared_chunks(shared: Path) -> int:
    """How many chunks the shared documents make."""
    from assistant.chunking import chunk_document
    from assistant.loaders import load

    return sum(len(chunk_document(load(p))) for p in (shared / "corpus").glob("*.md"))


def prepare_vectors(shared: Path, out: Path) -> int:
    """Real vectors of the shared corpus's chunks and sentences; returns its chunk count."""
    import numpy as np
    from synth import sentences

    from assistant.answering.spans import chunk_units
    from assistant.answering.vectors import unit_text
    from assistant.chunking import chunk_document
    from assistant.embeddings import E5Embedder
    from assistant.loaders import load

    embedder = E5Embedder()
    chunks = [c for p in sorted((shared / "corpus").glob("*.md")) for c in chunk_document(load(p))]
    texts = [c.embedding_text() for c in chunks]
    units = list(dict.fromkeys(unit_text(c, u) for c in chunks for u in chunk_units(c.text)))
    pool = sentences(shared)
    keys = ["chunk:" + hashlib.sha1(t.encode()).hexdigest() for t in texts]
    keys += ["unit:" + hashlib.sha1(u.encode()).hexdigest() for u in units]
    keys += ["sent:" + s for s in pool]
    vectors = (embedder.embed_documents(texts) + embedder.embed_documents(units)
               + embedder.embed_documents(pool))
    np.savez(out, keys=np.array(keys), vectors=np.array(vectors, dtype=np.float32))
    return len(chunks)


def child_ingest(args: argparse.Namespace) -> dict:
    from assistant.config import load_settings
    from assistant.service import Assistant

    embedder = StandInEmbedder(args.vectors) if args.embedder == "standin" else None
    assistant = Assistant(load_settings(index=args.index, chroma_url=args.chroma_url),
                          embedder=embedder)
    if embedder is None:
        assistant.embedder.embed_query("pemanasan")  # loading the model is not ingest work
    started = time.perf_counter()
    report = assistant.ingest(args.paths, progress=False)
    seconds = time.perf_counter() - started
    return {"chunks": report.chunks_embedded, "files": len(report.added), "seconds": seconds,
            "tokenised": report.chunks_tokenised, "rss": peak_rss_mb()}


def child_probe(args: argparse.Namespace) -> dict:
    from assistant.chain import Conversation
    from assistant.config import load_settings
    from assistant.evaluate import evaluate, load_items
    from assistant.service import Assistant

    assistant = Assistant(load_settings(index=args.index, chroma_url=args.chroma_url))
    assistant.ensure_index(progress=False)
    assistant.ask("KEK")  # what `klaster serve` does before it listens
    first = time.time() - args.t0
    items = load_items(args.golden)
    score = evaluate(assistant, items).score  # also warms every cache
    retriever = assistant.retriever
    parts = {"embed query": (assistant.embedder, "embed_query"),
             "dense search": (assistant.store, "query"), "read chunks": (assistant.store, "get"),
             "keyword search": (retriever.keywords, "search"),
             "definitions": (retriever, "defining"), "retrieval": (retriever, "retrieve")}
    spent = dict.fromkeys(parts, 0.0)
    for name, (owner, attribute) in parts.items():
        setattr(owner, attribute, _timed(getattr(owner, attribute), spent, name))
    samples: dict[str, list[float]] = {name: [] for name in [*parts, "answer"]}
    for item in items:
        conversation = Conversation()
        for turn in item.get("history") or []:
            assistant.ask(turn, conversation)
        spent.update(dict.fromkeys(spent, 0.0))
        started = time.perf_counter()
        assistant.ask(item["question"], conversation)
        samples["answer"].append(time.perf_counter() - started)
        for name in parts:
            samples[name].append(spent[name])
    with tempfile.TemporaryDirectory() as tmp:
        upload = Path(tmp) / "notulen_rapat_rotan.md"
        upload.write_text(UPLOAD, encoding="utf-8")
        started = time.perf_counter()
        report = assistant.ingest([upload], progress=False)
        add_seconds = time.perf_counter() - started
        found = assistant.ask("Berapa perajin klaster rotan Palu?").found
        assistant.remove_document(upload.name)
    return {"first": first, "score": score, "total": len(items),
            "p50": {name: percentile(v, 0.5) for name, v in samples.items()},
            "p95": {name: percentile(v, 0.95) for name, v in samples.items()},
            "add_seconds": add_seconds,
            "add_tokenised": report.chunks_tokenised, "add_found": found, "rss": peak_rss_mb()}


def _timed(function, spent: dict[str, float], name: str):
    """``function``, adding the seconds each call takes to ``spent[name]``."""

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started

    return timed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _child(kind: str, index: Path, url: str | None, **extra) -> dict:
    argv = [sys.executable, __file__, "--child", kind, "--index", str(index)]
    if url:
        argv += ["--chroma-url", url]
    for key, value in extra.items():
        if isinstance(value, list):
            argv += [f"--{key}", *map(str, value)]
        else:
            argv += [f"--{key}", str(value)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _wait_http(url: str, process: subprocess.Popen, seconds: float) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nothing answered at {url}") from None
            time.sleep(0.2)


def start_chroma(data: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
    server = subprocess.Popen([chroma, "run", "--path", str(data), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    _wait_http(f"{url}/api/v2/heartbeat", server, 60)
    return server, url


def measure_serve(index: Path, url: str | None, golden: list[dict], empty: Path) -> dict:
    """Seconds from `klaster serve` starting to its first answer over HTTP, and its peak RSS
    after answering every golden question."""
    from gradio_client import Client

    port = _free_port()
    env = {**os.environ, "KLASTER_CORPUS": str(empty)}
    argv = [sys.executable, "-m", "assistant", "serve", "--index", str(index), "--port", str(port)]
    if url:
        argv += ["--chroma-url", url]
    started = time.perf_counter()
    server = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        first = None
        while first is None:
            if server.poll() is not None or time.perf_counter() - started > 600:
                raise RuntimeError("klaster serve did not answer")
            try:
                client = Client(f"http://127.0.0.1:{port}/", verbose=False)
                client.predict("Apa yang dimaksud dengan klaster industri?", [], [], [], [], "id",
                               api_name="/ask")
                first = time.perf_counter() - started
            except Exception:  # not listening yet
                time.sleep(0.25)
        for item in golden:
            client.predict(item["question"], [], [], [], [], "id", api_name="/ask")
        return {"first": first, "rss": peak_rss_mb(server.pid)}
    finally:
        server.terminate()
        server.wait(timeout=60)


def run_point(store: str, n: int, work: Path, shared: Path, vectors: Path, golden: list[dict]
              ) -> dict:
    index = work / f"{store}-{n}"
    shutil.rmtree(index, ignore_errors=True)
    shutil.rmtree(work / f"chroma-{n}", ignore_errors=True)
    server, url = None, None
    if store == "server":
        server, url = start_chroma(work / f"chroma-{n}")
    try:
        paths = [shared / "corpus", work / f"synth-{n}"]
        ingest = _child("ingest", index, url, vectors=vectors, embedder="standin", paths=paths)
        print(f"  {store} {n}: ingested {ingest['chunks']} chunks in {ingest['seconds']:.0f} s",
              flush=True)
        serve = measure_serve(index, url, golden, work / "empty")
        probe = _child("probe", index, url, golden=shared / "eval" / "golden.jsonl",
                       t0=time.time())
        point = {"store": store, "n": n, "ingest": ingest, "serve": serve, "probe": probe,
                 "index_mb": disk_mb(index),
                 "server_mb": disk_mb(work / f"chroma-{n}") if server else 0.0,
                 "keywords_mb": disk_mb(index / "keywords"),
                 "server_rss": peak_rss_mb(server.pid) if server else 0.0}
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=60)
    return point


def report(points: list[dict], real: dict | None) -> None:
    rows = [
        ("chunks", lambda p: p["ingest"]["chunks"], "{:.0f}"),
        ("ingest chunks/s (stand-in)", lambda p: p["ingest"]["chunks"] / p["ingest"]["seconds"],
         "{:.0f}"),
        ("on disk MB (index+server)", lambda p: p["index_mb"] + p["server_mb"], "{:.0f}"),
        ("  of which keywords MB", lambda p: p["keywords_mb"], "{:.1f}"),
        ("ingest peak RSS MB", lambda p: p["ingest"]["rss"], "{:.0f}"),
        ("serve peak RSS MB", lambda p: p["serve"]["rss"], "{:.0f}"),
        ("chroma server peak RSS MB", lambda p: p["server_rss"], "{:.0f}"),
        ("serve start->1st answer s", lambda p: p["serve"]["first"], "{:.1f}"),
        ("in-process start->1st answer s", lambda p: p["probe"]["first"], "{:.1f}"),
        ("retrieval p50 ms", lambda p: 1000 * p["probe"]["p50"]["retrieval"], "{:.0f}"),
        ("retrieval p95 ms", lambda p: 1000 * p["probe"]["p95"]["retrieval"], "{:.0f}"),
        ("answer p50 ms", lambda p: 1000 * p["probe"]["p50"]["answer"], "{:.0f}"),
        ("answer p95 ms", lambda p: 1000 * p["probe"]["p95"]["answer"], "{:.0f}"),
        *[(f"  p50 ms in {name}", lambda p, name=name: 1000 * p["probe"]["p50"][name], "{:.1f}")
          for name in ("embed query", "dense search", "keyword search", "read chunks",
                       "definitions")],
        ("add 1 file s", lambda p: p["probe"]["add_seconds"], "{:.2f}"),
        ("add 1 file: chunks tokenised", lambda p: p["probe"]["add_tokenised"], "{:.0f}"),
    ]
    for store in dict.fromkeys(p["store"] for p in points):
        mine = sorted((p for p in points if p["store"] == store), key=lambda p: p["n"])
        sizes = [p["n"] for p in mine]
        print(f"\n## {store} store ({'Chroma server' if store == 'server' else 'embedded'})")
        head = ["", *[f"{n:,}" for n in sizes], *[f"x per 10x ({a:,}->{b:,})" for a, b
                                                   in zip(sizes, sizes[1:], strict=False)]]
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for name, get, fmt in rows:
            values = [get(p) for p in mine]
            growth = [(b / a) ** (1 / math.log10(nb / na))
                      if a else float("nan") for a, b, na, nb
                      in zip(values, values[1:], sizes, sizes[1:], strict=False)]
            print("| " + " | ".join([name, *[fmt.format(v) for v in values],
                                     *[f"{g:.2f}" for g in growth]]) + " |")
        golden = ", ".join(f"{p['probe']['score']}/{p['probe']['total']}" for p in mine)
        print(f"golden score at each N: {golden}; the uploaded file answered: "
              f"{all(p['probe']['add_found'] for p in mine)}")
        top, low = mine[-1], mine[0]
        print(f"targets at {top['n']:,}: answer p95 {1000 * top['probe']['p95']['answer']:.0f} ms "
              f"(<= 250); start->answer {top['serve']['first'] / low['serve']['first']:.2f}x "
              f"that at {low['n']:,} (<= 2); serve RSS {top['serve']['rss']:.0f} MB (<= 1536)")
    if real:
        print(f"\nreal model (multilingual-e5-small) ingest at {real['chunks']:,} chunks: "
              f"{real['chunks'] / real['seconds']:.1f} chunks/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--stores", default="disk,server")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--child", choices=["ingest", "probe"], help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--chroma-url", help=argparse.SUPPRESS)
    parser.add_argument("--vectors", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--embedder", default="standin", help=argparse.SUPPRESS)
    parser.add_argument("--paths", type=Path, nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--golden", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = (child_ingest if args.child == "ingest" else child_probe)(args)
        print(json.dumps(result))
        return

    from synth import make_corpus

    from assistant.evaluate import load_items

    work = args.work or Path(tempfile.mkdtemp(prefix="klaster-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    (work / "empty").mkdir(exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    golden = load_items(args.shared / "eval" / "golden.jsonl")
    vectors = work / "vectors.npz"
    print(f"work folder: {work}", flush=True)
    if not vectors.exists():  # a rerun in the same --work folder reuses what it made
        prepare_vectors(args.shared, vectors)
    real_chunks = shared_chunks(args.shared)
    for n in sizes:
        if not (work / f"synth-{n}").exists():
            make_corpus(args.shared, work / f"synth-{n}", max(0, n - real_chunks))
    real = None
    if 1000 in sizes:
        shutil.rmtree(work / "disk-1000-real", ignore_errors=True)
        real = _child("ingest", work / "disk-1000-real", None, vectors=vectors, embedder="real",
                      paths=[args.shared / "corpus", work / "synth-1000"])
    points = [run_point(store, n, work, args.shared, vectors, golden)
              for store in args.stores.split(",") for n in sizes]
    (work / "points.json").write_text(json.dumps({"points": points, "real": real}, indent=1))
    report(points, real)


if __name__ == "__main__":
    main()
