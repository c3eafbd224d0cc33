"""The server's coding workers (issue 21, finding 11): no request waits behind another's article.

``CodingPool`` keeps worker processes that each load the spaCy pipeline once and code one request
at a time. Requests wait in a bounded line per lane; a full line answers at once (``PoolBusy``,
503 with Retry-After). Texts up to ``short_chars`` may use a worker kept for them, so a short
request never waits behind long ones. A job over ``timeout`` seconds kills its worker
(``PoolTimeout``); a worker is replaced after ``recycle_after`` jobs or when its memory grows
over its ceiling, which is how memory returns after a load. ``InlinePool`` codes in the calling
process under one lock: for tests and for embedding the app where processes are unwanted.
"""
from __future__ import annotations

import ctypes
import gc
import itertools
import logging
import math
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .config import Settings
from .errors import ConfigError, Errors
from .ingest import _html_article
from .model import Article, ArticleInput, ErrorRecord
from .pipeline import code_many

log = logging.getLogger("dotterel")

RSS_GROWTH = 1.15
"""A worker whose memory grows over this factor of its size after warm-up is replaced."""
START_TIMEOUT = 300.0
WARM_TEXT = "Egypt and Qatar urged Israel and Hamas on Tuesday to agree to a ceasefire in Gaza."


def _env_workers() -> int:
    value = os.environ.get("DOTTEREL_WORKERS", "").strip()
    return int(value) if value else (os.cpu_count() or 1)


@dataclass(frozen=True, kw_only=True)
class ServeLimits:
    """What the server allows; every field is a ``dotterel serve`` option (README)."""

    workers: int = field(default_factory=_env_workers)
    """Worker processes for any text (env DOTTEREL_WORKERS; default: the cores). 0 codes in the
    server process, one request at a time, without time limits (``InlinePool``)."""
    short_chars: int = 10_000
    """Texts (or HTML pages) up to this length may use the short lane's worker; 0: no short lane."""
    queue: int = 8
    """Requests that may wait per lane; one more gets 503 E022 with Retry-After."""
    timeout: float = 120.0
    """Seconds a request may wait for a worker (then 503 E022) and then run (then 504 E023)."""
    recycle_after: int = 200
    """Jobs after which a worker is replaced by a fresh one."""
    worker_max_rss_mb: float | None = None
    """Memory over which a worker is replaced after its job; default 115% of its warm size."""
    page_max_chars: int = 50_000
    """Longest text the page (``POST /``) codes (E021); ``/api/code`` takes up to ``max_chars``."""


@dataclass(frozen=True, kw_only=True)
class CodeJob:
    """One request's article, as a worker codes it."""

    text: str | None = None
    html: str | None = None
    published: str | None = None
    title: str | None = None
    id: str | None = None
    max_chars: int | None = None
    """The page's own limit (E021), below the settings' ``max_chars`` (E007)."""

    @property
    def size(self) -> int:
        return len(self.text if self.text is not None else self.html or "")


def over_page_limit(job: CodeJob, text: str) -> ErrorRecord | None:
    if job.max_chars is None or len(text) <= job.max_chars:
        return None
    return ErrorRecord(id=job.id, code="E021", origin="request", message=Errors.E021.format(
        size=f"{len(text):,}", limit=f"{job.max_chars:,}"))


def code_request(job: CodeJob, settings: Settings) -> Article | ErrorRecord:
    """Code one request's article (HTML through trafilatura, as ``ingest`` does); never raises
    for bad input: an ``ErrorRecord`` says what is wrong."""
    rid = job.id or "article"
    text, title, published, source, url = job.text, job.title, job.published, None, None
    if job.html is not None:
        item = _html_article(job.html, rid, "request")
        if isinstance(item, ErrorRecord):
            return item
        text, source, url = item.text, item.source, item.url
        title, published = title or item.title, published or item.published
    if text is None or not text.strip():
        return ErrorRecord(id=rid, code="E006", origin="request",
                           message="[E006] The article text is empty. Paste or upload an article.")
    refused = over_page_limit(job, text)
    if refused is not None:
        return refused
    item = ArticleInput(id=rid, text=text, published=(published or "").strip() or None,
                        title=title or None, source=source, url=url, origin="request")
    return next(code_many([item], settings=settings))


# ---------------------------------------------------------------- errors the pool raises


class PoolBusy(RuntimeError):
    """No worker became free in time, or the line is full; ``retry_after`` in seconds."""

    def __init__(self, waiting: int, retry_after: int) -> None:
        self.waiting, self.retry_after = waiting, retry_after
        super().__init__(Errors.E022.format(waiting=waiting, seconds=retry_after))


class PoolTimeout(RuntimeError):
    """The job ran over the time limit; its worker was killed and is being replaced."""

    def __init__(self, limit: float) -> None:
        super().__init__(Errors.E023.format(limit=f"{limit:g}"))


class WorkerDied(RuntimeError):
    """The worker ended during the job (killed from outside, out of memory)."""

    def __init__(self, detail: str) -> None:
        super().__init__(Errors.E024.format(detail=detail))


def rss_mb() -> float:
    """This process's resident memory now (Linux), else its peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _worker_main(conn: Any, fn: Callable[[Any, Settings], Any], settings: Settings, warm: Any) -> None:
    """A worker: warm up (load the pipeline, code a sentence), then one job per message."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    try:
        if warm is not None:
            fn(warm, settings)
    except Exception as exc:
        conn.send(("failed", str(exc) or type(exc).__name__, rss_mb()))
        return
    conn.send(("ready", None, rss_mb()))
    while True:
        try:
            payload = conn.recv()
        except (EOFError, OSError):  # the server is gone
            return
        if payload is None:
            return
        try:
            reply = ("ok", fn(payload, settings))
        except Exception as exc:
            log.exception("job failed in worker %d", os.getpid())
            reply = ("failed", f"{type(exc).__name__}: {exc}")
        conn.send((*reply, release_memory()))


def release_memory() -> float:
    """Free what the last job left and say how much memory stays. A coded Doc is held in
    reference cycles: a 147k-character article leaves a worker at twice its size until the
    cycle collector runs, and at its warm size after it (measured: 720 -> 354 MB)."""
    gc.collect()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)  # give freed heap pages back to the system (glibc)
    return rss_mb()


def _libc() -> Any:
    try:
        libc = ctypes.CDLL(None)
        return libc if hasattr(libc, "malloc_trim") else None
    except (OSError, AttributeError):
        return None


_LIBC = _libc()


# ---------------------------------------------------------------- the pool


@dataclass(eq=False)
class _Worker:
    short: bool
    """Kept for short texts only."""
    state: str = "starting"  # starting, idle, busy
    process: Any = None
    conn: Any = None
    jobs: int = 0
    ceiling: float = math.inf
    closing: threading.Lock = field(default_factory=threading.Lock)
    """Held while the pipe is closed: see ``_close_pipe``."""


@dataclass(eq=False)
class _Ticket:
    short: bool
    seq: int
    worker: _Worker | None = None


class CodingPool:
    """Worker processes with a bounded line per lane (see the module's docstring)."""

    def __init__(self, settings: Settings, limits: ServeLimits, *,
                 fn: Callable[[Any, Settings], Any] = code_request,
                 warm: Any = CodeJob(text=WARM_TEXT, published="2023-12-07")) -> None:
        self.settings, self.limits, self.fn, self.warm = settings, limits, fn, warm
        self._context = multiprocessing.get_context("spawn")  # the server has threads: no fork
        self._cond = threading.Condition()
        self._tickets: list[_Ticket] = []
        self._seq = itertools.count()
        self._seconds = {True: 1.0, False: 10.0}  # recent job time per lane, for Retry-After
        self._closed = False
        self.recycled = self.timeouts = self.refused = 0
        lanes = [False] * max(1, limits.workers) + [True] * (limits.short_chars > 0)
        self._workers = [_Worker(short=short) for short in lanes]

    # -------------------------------------------------------- life

    def start(self) -> None:
        """Start every worker and wait until each has warmed up; E020 when one cannot."""
        for worker in self._workers:
            self._spawn(worker)
        try:
            for worker in self._workers:
                self._await_ready(worker)
        except ConfigError:
            self.close()
            raise

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers = list(self._workers)
            self._cond.notify_all()
        for worker in workers:
            _stop(worker, kill=worker.state != "idle")

    def _spawn(self, worker: _Worker) -> None:
        parent, child = self._context.Pipe()
        worker.process = self._context.Process(target=_worker_main, daemon=True,
                                               args=(child, self.fn, self.settings, self.warm))
        worker.process.start()
        child.close()
        worker.conn, worker.jobs, worker.state = parent, 0, "starting"

    def _await_ready(self, worker: _Worker) -> None:
        status, detail = "failed", "no answer"
        try:
            if worker.conn.poll(START_TIMEOUT):
                status, detail, rss = worker.conn.recv()
        except (EOFError, OSError) as exc:  # it died, or close() stopped it meanwhile
            detail = f"the worker ended ({exc or type(exc).__name__})"
        if status == "ready":
            worker.ceiling = self.limits.worker_max_rss_mb or rss * RSS_GROWTH
            with self._cond:
                worker.state = "idle"
                self._cond.notify_all()
            return
        _stop(worker, kill=True)
        raise ConfigError(Errors.E020, detail=detail)

    def _replace(self, worker: _Worker, *, kill: bool) -> None:
        """Stop the worker and start a fresh one in its place, in the background."""
        with self._cond:
            worker.state = "starting"
            self.recycled += 1

        def renew() -> None:
            _stop(worker, kill=kill)
            while not self._closed:
                try:
                    self._spawn(worker)
                    if self._closed:  # close() ran while this one was starting
                        _stop(worker, kill=True)
                        return
                    self._await_ready(worker)
                    return
                except ConfigError as exc:  # e.g. out of memory now: try again shortly
                    if not self._closed:
                        log.error("a coding worker could not start again: %s", exc)
                        time.sleep(5)

        threading.Thread(target=renew, name="dotterel-renew-worker", daemon=True).start()

    # -------------------------------------------------------- jobs

    def run(self, payload: Any, size: int) -> Any:
        """The worker's answer for ``payload`` (``size`` characters); raises PoolBusy,
        PoolTimeout, WorkerDied, or RuntimeError when the job itself failed."""
        short = size <= self.limits.short_chars
        worker = self._acquire(short)
        started = time.monotonic()
        try:
            worker.conn.send(payload)
            if not worker.conn.poll(self.limits.timeout):
                with self._cond:
                    self.timeouts += 1
                self._replace(worker, kill=True)
                raise PoolTimeout(self.limits.timeout)
            status, value, rss = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._replace(worker, kill=True)
            raise WorkerDied(str(exc) or type(exc).__name__) from None
        self._release(worker, rss, short, time.monotonic() - started)
        if status != "ok":
            raise RuntimeError(value)
        return value

    def _acquire(self, short: bool) -> _Worker:
        deadline = time.monotonic() + self.limits.timeout
        ticket = _Ticket(short=short, seq=next(self._seq))
        waiting = 0
        with self._cond:
            self._tickets.append(ticket)
            while not self._closed:
                self._match()
                if ticket.worker is not None:
                    self._tickets.remove(ticket)
                    ticket.worker.state = "busy"
                    return ticket.worker
                waiting = sum(t.short == short and t.worker is None for t in self._tickets)
                left = deadline - time.monotonic()
                if waiting > self.limits.queue or left <= 0:
                    break
                self._cond.wait(left)
            self._tickets.remove(ticket)
            self.refused += 1
            raise PoolBusy(waiting=len(self._tickets), retry_after=self._retry_after(short))

    def _match(self) -> None:
        """Give idle workers to waiting tickets: short texts first, then in arrival order; a
        short text prefers the short lane, a long one never takes it."""
        idle = [w for w in self._workers if w.state == "idle"]
        for ticket in sorted(self._tickets, key=lambda t: (not t.short, t.seq)):
            fits = sorted((w for w in idle if ticket.short or not w.short), key=lambda w: not w.short)
            ticket.worker = fits[0] if fits else None
            if fits:
                idle.remove(fits[0])

    def _release(self, worker: _Worker, rss: float, short: bool, seconds: float) -> None:
        worker.jobs += 1
        with self._cond:
            self._seconds[short] = 0.7 * self._seconds[short] + 0.3 * seconds
        if worker.jobs >= self.limits.recycle_after or rss > worker.ceiling:
            log.info("replacing worker %s after %d jobs at %.0f MB", worker.process.pid,
                     worker.jobs, rss)
            self._replace(worker, kill=False)
            return
        with self._cond:
            worker.state = "idle"
            self._cond.notify_all()

    def _retry_after(self, short: bool) -> int:
        lane = [w for w in self._workers if short or not w.short]
        waiting = sum(t.short == short for t in self._tickets) + 1
        return max(1, min(600, math.ceil(self._seconds[short] * waiting / len(lane))))

    def stats(self) -> dict[str, Any]:
        with self._cond:
            states = [w.state for w in self._workers]
            return {"mode": "processes", "workers": len(states), "idle": states.count("idle"),
                    "busy": states.count("busy"), "starting": states.count("starting"),
                    "waiting": len(self._tickets), "recycled": self.recycled,
                    "timeouts": self.timeouts, "refused": self.refused,
                    "pids": [w.process.pid for w in self._workers if w.process is not None]}


def _stop(worker: _Worker, *, kill: bool) -> None:
    process = worker.process
    if process is None:
        return
    if not kill:
        try:
            worker.conn.send(None)
        except OSError:
            kill = True
    if kill:
        process.kill()
    process.join(5)
    if process.is_alive():
        process.kill()
        process.join()
    _close_pipe(worker)


def _close_pipe(worker: _Worker) -> None:
    """Close the worker's end of its pipe once. The renewing thread and close() may both stop
    a worker being replaced; two unguarded closes of one Connection can both reach os.close,
    and the second then closes whatever pipe the number was given to meanwhile (another
    pool's new worker: "Bad file descriptor" at its start)."""
    with worker.closing:
        conn = worker.conn
        if conn is None or conn.closed:
            return
        try:
            conn.close()
        except OSError:
            pass


class InlinePool:
    """Codes in this process, one request at a time (``workers=0``): no time limit, no
    recycling, but the same bounded line."""

    def __init__(self, settings: Settings, limits: ServeLimits, *,
                 fn: Callable[[Any, Settings], Any] = code_request) -> None:
        self.settings, self.limits, self.fn = settings, limits, fn
        self._lock = threading.Lock()
        self._waiting = 0
        self._count_lock = threading.Lock()

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass

    def run(self, payload: Any, size: int) -> Any:
        with self._count_lock:
            if self._waiting > self.limits.queue:
                raise PoolBusy(waiting=self._waiting, retry_after=1)
            self._waiting += 1
        try:
            with self._lock:  # one request at a time through the shared spaCy pipeline
                try:
                    return self.fn(payload, self.settings)
                finally:
                    release_memory()
        finally:
            with self._count_lock:
                self._waiting -= 1

    def stats(self) -> dict[str, Any]:
        return {"mode": "inline", "workers": 0, "waiting": self._waiting}


def make_pool(settings: Settings, limits: ServeLimits) -> CodingPool | InlinePool:
    return InlinePool(settings, limits) if limits.workers <= 0 else CodingPool(settings, limits)


__all__ = ["ServeLimits", "CodeJob", "code_request", "CodingPool", "InlinePool", "make_pool",
           "PoolBusy", "PoolTimeout", "WorkerDied", "rss_mb"]
