"""Seconds from `klaster serve` starting to its first answer, on a fresh index.

    python bench/startup.py [--cold]   # --cold: also convert the model into an empty cache
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", action="store_true", help="start with an empty model cache")
    args = parser.parse_args()
    from gradio_client import Client

    with tempfile.TemporaryDirectory(prefix="klaster-start-") as tmp, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        env = {**os.environ, "KLASTER_INDEX": f"{tmp}/index", "HF_HUB_OFFLINE": "1",
               "GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False"}
        if args.cold:
            env["KLASTER_MODEL_CACHE"] = f"{tmp}/models"
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            answer = None
            while answer is None and time.perf_counter() - started < 180:
                try:
                    client = Client(f"http://127.0.0.1:{port}/", verbose=False)
                    answer = client.predict("Apa yang dimaksud dengan klaster industri?", [], [],
                                            [], [], "id", api_name="/ask")
                except Exception:  # not up yet
                    time.sleep(0.25)
            seconds = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    state = "cold (model converted)" if args.cold else "warm model cache"
    print(f"serve -> first answer: {seconds:.1f} s ({state}, index built from corpus/)")
    print(f"answered: {answer is not None}")


if __name__ == "__main__":
    main()
