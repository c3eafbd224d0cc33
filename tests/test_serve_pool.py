"""The server's coding workers (issue 21, finding 11): lanes, the bounded line, time limits,
recycling, and the real server under load on a loopback port."""
from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from pathlib import Path

import pytest
from pool_jobs import broken, sleepy

from dotterel.config import Settings
from dotterel.errors import ConfigError
from dotterel.serve_pool import (
    CodingPool,
    PoolBusy,
    PoolTimeout,
    ServeLimits,
    WorkerDied,
    _stop,
    _Worker,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import probe_server  # noqa: E402


def pool(fn=sleepy, **limits) -> CodingPool:
    started = CodingPool(Settings(), ServeLimits(**{"workers": 1, "short_chars": 10, **limits}),
                         fn=fn, warm=None)
    started.start()
    return started


def in_background(p: CodingPool, payload, size: int) -> tuple[threading.Thread, list]:
    out: list = []

    def run() -> None:
        try:
            out.append(p.run(payload, size))
        except Exception as exc:
            out.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def wait_for(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_short_text_uses_its_lane_and_a_full_line_is_refused():
    p = pool(queue=1)
    try:
        running, first = in_background(p, 3, 100)
        wait_for(lambda: p.stats()["busy"] == 1)
        waiting, second = in_background(p, 0, 100)
        wait_for(lambda: p.stats()["waiting"] == 1)
        started = time.monotonic()
        assert isinstance(p.run(0, 5), int)  # short: the short lane's worker, at once
        assert time.monotonic() - started < 1.5
        with pytest.raises(PoolBusy) as refused:  # a third long one: the line is full
            p.run(0, 100)
        assert refused.value.retry_after >= 1 and "[E022]" in str(refused.value)
        running.join()
        waiting.join()
        assert first[0] == second[0]  # the waiting one got the same worker after the first
        assert p.stats()["refused"] == 1
    finally:
        p.close()


def test_short_texts_wait_ahead_of_long_ones():
    p = pool(short_chars=0, queue=4)
    try:
        running, _ = in_background(p, 1, 100)
        wait_for(lambda: p.stats()["busy"] == 1)
        order: list[str] = []
        long_one = threading.Thread(target=lambda: (p.run(0, 100), order.append("long")))
        long_one.start()
        wait_for(lambda: p.stats()["waiting"] == 1)
        short_one = threading.Thread(target=lambda: (p.run(0, 0), order.append("short")))
        short_one.start()
        for thread in (running, long_one, short_one):
            thread.join()
        assert order == ["short", "long"]
    finally:
        p.close()


def test_job_over_the_time_limit_kills_its_worker_and_a_new_one_serves():
    p = pool(short_chars=0, timeout=1)
    try:
        first = p.run(0, 100)
        started = time.monotonic()
        with pytest.raises(PoolTimeout, match=r"\[E023\]"):
            p.run(30, 100)
        assert time.monotonic() - started < 5
        wait_for(lambda: p.stats()["idle"] == 1)  # waiting for a worker has the same limit
        assert p.run(0, 100) != first and p.stats()["timeouts"] == 1
        with pytest.raises(WorkerDied, match=r"\[E024\]"):
            p.run("exit", 100)
        wait_for(lambda: p.stats()["idle"] == 1)
        with pytest.raises(RuntimeError, match="a job that fails"):
            p.run("raise", 100)
        assert isinstance(p.run(0, 100), int)
    finally:
        p.close()


def test_workers_are_recycled_after_n_jobs_and_over_their_memory_ceiling():
    p = pool(short_chars=0, recycle_after=2)
    try:
        pids = [p.run(0, 100) for _ in range(4)]
        assert pids[0] == pids[1] != pids[2] == pids[3]
    finally:
        p.close()
    p = pool(short_chars=0, worker_max_rss_mb=1)
    try:
        assert p.run(0, 100) != p.run(0, 100)
        assert p.stats()["recycled"] == 2
    finally:
        p.close()


def test_worker_that_cannot_start_is_a_clear_error():
    p = CodingPool(Settings(), ServeLimits(workers=1, short_chars=0), fn=broken, warm="x")
    with pytest.raises(ConfigError, match=r"\[E020\].*no such model"):
        p.start()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads memory from /proc")
def test_finding11_short_request_answers_within_5s_while_long_ones_run():
    """The issue's bar, bounded for two cores: 4 clients send 147k-character articles to a
    server with one general worker and no room to wait; the one coded runs while the others
    are refused with Retry-After, a 34-character request answers within 5 s throughout, and
    the memory of the server and its workers comes back within 20% of its start."""
    pytest.importorskip("uvicorn")
    proc, port = probe_server.start_server("--workers", "1", "--queue", "0")
    try:
        figures = probe_server.probe(port, proc.pid, clients=4, requests=4, chars=147_000,
                                     every=1.0, retry=False)
    finally:
        proc.terminate()
        proc.wait(30)
    assert figures["long_ok"] == 1 and figures["long_other"] == [], figures
    assert figures["long_503"] == figures["long_503_with_retry_after"] == 3, figures
    assert figures["short_n"] >= 3 and figures["short_statuses"] == [200], figures
    assert figures["short_max_s"] <= 5, figures
    memory = figures["memory_mb"]
    assert memory["peak"] > memory["start"] and memory["after"] <= 1.2 * memory["start"], figures


class _DeadProcess:
    """Stands for a worker process already gone: kill and join return at once."""

    def kill(self) -> None:
        pass

    def join(self, timeout: float | None = None) -> None:
        pass

    def is_alive(self) -> bool:
        return False


def test_a_workers_pipe_is_closed_once_when_two_threads_stop_it():
    """close() and a renewing thread may stop the same worker at once; the pipe must be closed
    once, or the second close hits a descriptor number already given to another pipe (seen
    under load as "Bad file descriptor" when the next pool started)."""
    parent, child = multiprocessing.Pipe()
    calls = []
    real_close = parent._close

    def slow_close(*args):  # widen the window between the check and os.close
        calls.append(1)
        time.sleep(0.2)
        real_close(*args)

    parent._close = slow_close
    worker = _Worker(short=False, process=_DeadProcess(), conn=parent)
    threads = [threading.Thread(target=_stop, args=(worker,), kwargs={"kill": True}) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    child.close()
    assert len(calls) == 1 and parent.closed
