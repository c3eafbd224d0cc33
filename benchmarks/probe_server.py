"""Issue 21, finding 11: does a short request wait behind long ones, and does memory come back?

    .venv/bin/python benchmarks/probe_server.py                 # the issue's measurement
    .venv/bin/python benchmarks/probe_server.py --clients 8 --requests 8 --no-retry -- --queue 2

Starts ``dotterel serve`` on a free loopback port (options after ``--`` go to it), waits until
its workers are warm, then CLIENTS threads send REQUESTS articles of CHARS characters to
``/api/code`` in all (built from the bundled samples); a client told 503 waits its Retry-After
and sends again, as a polite client does. While they run, a 34-character request is sent every
few seconds. Reports the short requests' latency, the long ones' outcome, and the resident
memory of the server and its workers (summed over the process tree) at the start, at its peak
and after the run, once the workers that grew have been replaced.
``tests/test_serve_pool.py`` runs the same measurement, smaller.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "dotterel" / "data" / "samples" / "articles.jsonl"
SHORT = "Russia attacked Ukraine on Monday."  # 34 characters, as in the issue


def long_text(chars: int) -> str:
    """An article of ``chars`` characters: the bundled samples, repeated."""
    texts = [json.loads(line)["text"] for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    base = "\n\n".join(texts) + "\n\n"
    return (base * (chars // len(base) + 1))[:chars]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def request(port: int, method: str, path: str, body: dict[str, Any] | None = None,
            timeout: float = 300) -> tuple[int, dict[str, str], Any]:
    """(status, headers, JSON body) of one request on a fresh connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=data, headers={"content-type": "application/json"})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), json.loads(response.read() or b"null")
    finally:
        conn.close()


def start_server(*args: str, timeout: float = 240) -> tuple[subprocess.Popen[bytes], int]:
    """``dotterel serve ARGS`` on a free port, once every worker is warm."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "dotterel", "-q", "serve", "--port", str(port), *args],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dotterel serve ended with status {proc.returncode}")
        try:
            if settled(port):
                return proc, port
        except OSError:
            pass
        time.sleep(0.5)
    proc.kill()
    raise RuntimeError("dotterel serve did not start in time")


def settled(port: int) -> bool:
    """Every worker idle (warm, none being replaced) and nobody waiting."""
    workers = request(port, "GET", "/health", timeout=10)[2]["workers"]
    return workers.get("idle") == workers["workers"] and not workers["waiting"]


def wait_settled(port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not settled(port):
        if time.monotonic() > deadline:
            raise RuntimeError("the workers did not settle")
        time.sleep(0.5)


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


class Peak(threading.Thread):
    """Samples the process tree's memory until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.25):
            self.peak = max(self.peak, tree_rss_mb(self.pid))


def long_client(port: int, text: str, n: int, outcome: list[tuple[int, float, bool]],
                retry: bool = True) -> None:
    """Send ``n`` long articles; each outcome is (status or 0 for no answer, seconds, told
    Retry-After)."""
    for _ in range(n):
        while True:
            start = time.monotonic()
            try:
                status, headers, _ = request(port, "POST", "/api/code", {"text": text}, timeout=1500)
            except OSError:  # no answer in time: counted as status 0
                status, headers = 0, {}
            told = "retry-after" in {k.lower() for k in headers}
            outcome.append((status, time.monotonic() - start, told))
            if status != 503 or not retry:
                break
            time.sleep(float({k.lower(): v for k, v in headers.items()}["retry-after"]))


def short_request(port: int) -> tuple[int, float]:
    start = time.monotonic()
    status = request(port, "POST", "/api/code", {"text": SHORT})[0]
    return status, time.monotonic() - start


def probe(port: int, pid: int, *, clients: int, requests: int, chars: int, every: float = 5.0,
          retry: bool = True) -> dict[str, Any]:
    """Run the measurement against a started server; returns its figures."""
    start_mb = tree_rss_mb(pid)
    peak = Peak(pid)
    peak.start()
    text = long_text(chars)
    outcome: list[tuple[int, float, bool]] = []
    share = [requests // clients + (i < requests % clients) for i in range(clients)]
    threads = [threading.Thread(target=long_client, args=(port, text, n, outcome, retry))
               for n in share if n]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    shorts = []
    time.sleep(min(every, 2.0))  # the long ones are running now
    while any(t.is_alive() for t in threads):
        shorts.append(short_request(port))
        print(f"{time.monotonic() - began:6.1f} s: short request {shorts[-1][0]} in "
              f"{shorts[-1][1]:.2f} s, {tree_rss_mb(pid):.0f} MB", file=sys.stderr, flush=True)
        time.sleep(every)
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    wait_settled(port)
    peak.done.set()
    peak.join()
    after_mb = tree_rss_mb(pid)
    health = request(port, "GET", "/health")[2]["workers"]
    return {"clients": clients, "requests": requests, "chars": chars, "wall_s": round(wall, 1),
            "long_ok": sum(s == 200 for s, _, _ in outcome),
            "long_503": sum(s == 503 for s, _, _ in outcome),
            "long_503_with_retry_after": sum(s == 503 and told for s, _, told in outcome),
            "long_other": sorted({s for s, _, _ in outcome} - {200, 503}),
            "long_max_s": round(max((t for s, t, _ in outcome if s == 200), default=0), 1),
            "short_statuses": sorted({s for s, _ in shorts}),
            "short_max_s": round(max((t for _, t in shorts), default=0), 2),
            "short_n": len(shorts),
            "memory_mb": {"start": round(start_mb), "peak": round(max(peak.peak, start_mb)),
                          "after": round(after_mb)},
            "recycled": health["recycled"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=16)
    parser.add_argument("--chars", type=int, default=147_000)
    parser.add_argument("--every", type=float, default=5.0, help="seconds between short requests")
    parser.add_argument("--no-retry", action="store_true",
                        help="a client told 503 gives up instead of waiting its Retry-After")
    parser.add_argument("serve_args", nargs="*", help="options for dotterel serve, after --")
    args = parser.parse_args()
    started = time.monotonic()
    proc, port = start_server(*args.serve_args)
    print(f"server warm in {time.monotonic() - started:.1f} s: "
          f"{request(port, 'GET', '/health')[2]['workers']}", file=sys.stderr)
    try:
        figures = probe(port, proc.pid, clients=args.clients, requests=args.requests,
                        chars=args.chars, every=args.every, retry=not args.no_retry)
    finally:
        proc.terminate()
        proc.wait(30)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
