"""``dotterel serve``: a web page that reads an article the way dotterel reads it, and a REST API.

``create_app(db_path=None, settings=None, limits=None)`` builds the FastAPI application:

* ``POST /api/code`` codes ``{"text" | "html", "published"?, "title"?}`` and returns the
  contract record (HTML goes through trafilatura, as ``dotterel.ingest`` does); it writes
  nothing. The other endpoints read a corpus database (``dotterel code ... --db FILE``),
  opened read-only: ``/api/articles``, ``/api/articles/{id}``, ``/api/events``,
  ``/api/actors``, ``/api/actors/{id}``, ``/api/quotes``, ``/api/stats/dyads``,
  ``/api/stats/quad``. ``/health`` and the OpenAPI docs at ``/docs`` are always there.
* Pages: ``/`` (paste or upload an article, see it annotated), ``/article/{id}`` (a stored
  article annotated), ``/corpus`` (filters, event table, timeline, actor network) and
  ``/actor/{id}``. Server-rendered Jinja2 with autoescaping; the highlighted text is built
  from the record's offsets here, every text piece escaped; a small script shows the evidence.

Coding runs in worker processes (``serve_pool``): a short text never waits behind long ones,
a full line answers 503 E022 with Retry-After, a job over the time limit 504 E023, and workers
are replaced after a number of jobs or when their memory grows (``docs/guarantees.md``).
Errors always have one shape, ``{"error": {"code", "message"}}`` (pages show the same as HTML).
Request bodies over ``max_body`` bytes (default 1 MB) get 413 before they are read.
Article text is untrusted: nothing from it reaches the page unescaped, the pages carry a
Content-Security-Policy that allows only our own script, and all SQL is parameterised.
"""
from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import json
import logging
import re
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from .errors import WEB_INSTALL_HINT as INSTALL_HINT

try:
    import jinja2
    from fastapi import Depends, FastAPI, File, Form, Query, Request, UploadFile
    from fastapi.exceptions import RequestValidationError
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse, JSONResponse, Response
    from fastapi.staticfiles import StaticFiles
    from pydantic import BaseModel, ConfigDict, Field
    from starlette.exceptions import HTTPException as StarletteHTTPException
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(f"{INSTALL_HINT} ({exc})", name=exc.name) from exc

from . import __version__
from . import serve_query as sq
from .config import Settings
from .model import PLOVER_TYPES, Article, ErrorRecord
from .output import EVENT_COLUMNS
from .serve_map import map_chart
from .serve_pool import (
    CodeJob,
    PoolBusy,
    PoolTimeout,
    ServeLimits,
    WorkerDied,
    make_pool,
)
from .serve_render import (
    QUAD_NAMES,
    choose_period,
    group_pieces,
    highlight,
    network_chart,
    period_start,
    timeline_chart,
)

log = logging.getLogger("dotterel")

MAX_BODY = 1_000_000
"""Largest request body accepted, in bytes (413 above it)."""
PAGE_SIZE = 50
MAX_LIMIT = 500
MAX_DOWNLOAD = 1_000_000
"""Most events one /corpus/events.csv download holds."""
_SEARCH_LOCK = threading.Lock()
WEB = Path(__file__).resolve().parent / "web"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
STATUS_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed",
                413: "payload_too_large", 415: "unsupported_media_type", 422: "invalid_request",
                503: "no_corpus"}


class ApiError(Exception):
    """An error with an HTTP status, a stable code and a message saying what to do."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


class CodeRequest(BaseModel):
    """An article to code: ``text`` or ``html`` (exactly one), optionally its date and title."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "text": "Egypt and Qatar urged Israel and Hamas on Tuesday to agree to a ceasefire in Gaza.",
        "published": "2023-12-07"}]})
    text: str | None = Field(None, description="the article as plain text")
    html: str | None = Field(None, description="the article as an HTML page (main text extracted)")
    published: str | None = Field(None, description="publication date YYYY-MM-DD; resolves 'Tuesday'")
    title: str | None = Field(None, max_length=1000)
    id: str | None = Field(None, max_length=200, description="id for the record (default 'article')")


# ---------------------------------------------------------------- body size limit


class BodyLimit:
    """ASGI middleware: refuse bodies over ``max_body`` bytes with 413, before the app reads them.

    A declared Content-Length over the limit is refused at once; otherwise the body is read
    up to the limit (so chunked uploads are bounded too) and handed on.
    """

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await self._reply(scope, send, 400, "bad_request", "Content-Length is not a number.")
                return
            if declared > self.max_body:
                await self._too_large(scope, send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away
            size += len(message.get("body", b""))
            if size > self.max_body:
                await self._too_large(scope, send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: dict[str, Any], send: Any) -> None:
        await self._reply(scope, send, 413, "payload_too_large",
                          f"The request body is over the limit of {self.max_body:,} bytes. "
                          "Send a shorter article.")

    async def _reply(self, scope: dict[str, Any], send: Any, status: int, code: str, message: str) -> None:
        response = JSONResponse(error_body(code, message), status_code=status)
        await response(scope, _no_receive, send)


async def _no_receive() -> dict[str, Any]:
    return {"type": "http.disconnect"}


class NoSniff:
    """ASGI middleware: every response (JSON, static files, errors) says
    ``X-Content-Type-Options: nosniff``, so a browser never runs a body as another type."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_nosniff(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers") or []
                           if k.lower() != b"x-content-type-options"]
                message = {**message, "headers": [*headers, (b"x-content-type-options", b"nosniff")]}
            await send(message)

        await self.app(scope, receive, send_nosniff)


# ---------------------------------------------------------------- the application


def create_app(db_path: str | Path | None = None, settings: Settings | None = None, *,
               max_body: int = MAX_BODY, limits: ServeLimits | None = None) -> FastAPI:
    """The web application; ``db_path`` is a corpus database opened read-only (optional).
    ``limits`` sizes the coding workers, their line and time limits (``serve_pool``); they
    start with the app and stop with it."""
    corpus = None
    if db_path is not None:
        from .store import Corpus

        corpus = Corpus(db_path, read_only=True)
    settings = replace(settings or Settings(), n_process=1)
    limits = limits or ServeLimits()
    pool = make_pool(settings, limits)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            pool.close()
            if corpus is not None:
                corpus.close()

    app = FastAPI(title="dotterel", version=__version__, lifespan=lifespan, docs_url=None,
                  redoc_url=None, description=(
                      "Political event records from news text: code an article, or explore a "
                      "corpus database. Errors: `{\"error\": {\"code\", \"message\"}}`."))
    app.state.corpus = corpus
    app.state.settings = settings
    app.state.pool, app.state.limits = pool, limits
    app.state.templates = _templates()
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(NoSniff)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    _install_docs(app)
    _install_errors(app)
    _install_api(app)
    _install_pages(app)
    return app


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(WEB / "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.globals.update(version=__version__, quad_names=QUAD_NAMES, plover_types=list(PLOVER_TYPES))
    env.filters["sentence_parts"] = _sentence_parts
    env.filters["safe_url"] = _safe_url
    env.filters["fmt"] = _fmt
    return env


def _install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs; its script and style come from the fastapi-offline package when
    installed (part of the web extra), so the docs work without network; else from a CDN."""
    try:
        import fastapi_offline

        assets = Path(fastapi_offline.__file__).resolve().parent / "static"
        if not (assets / "swagger-ui-bundle.js").exists():
            raise ImportError("fastapi-offline has no swagger-ui-bundle.js")
        app.mount("/docs-static", StaticFiles(directory=assets), name="docs-static")
        urls = {"swagger_js_url": "/docs-static/swagger-ui-bundle.js",
                "swagger_css_url": "/docs-static/swagger-ui.css",
                "swagger_favicon_url": "/docs-static/favicon.png"}
    except ImportError:
        urls = {}
    page = get_swagger_ui_html(openapi_url="/openapi.json", title="dotterel API", **urls)
    # Swagger UI starts from one inline script: allow it by its hash, and nothing else inline
    inline = re.findall(rb"<script>(.*?)</script>", bytes(page.body), re.S)
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
                      for body in inline)
    origin = "'self'" if urls else "'self' https://cdn.jsdelivr.net"
    policy = (f"default-src 'none'; script-src {origin} {hashes}; style-src {origin} 'unsafe-inline'; "
              f"img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; "
              "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(page.body, headers={"Content-Security-Policy": policy,
                                                "Referrer-Policy": "no-referrer"})


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api/") or path in ("/health", "/openapi.json"))


def _install_errors(app: FastAPI) -> None:
    def reply(request: Request, status: int, code: str, message: str,
              headers: dict[str, str] | None = None) -> Response:
        if _wants_html(request):
            page = _page(request, "error.html", {"status": status, "code": code, "message": message},
                         status=status)
            page.headers.update(headers or {})
            return page
        return JSONResponse(error_body(code, message), status_code=status, headers=headers)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return reply(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "Request failed."
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing at {request.url.path}. See /docs for the API."
        return reply(request, exc.status_code, STATUS_CODES.get(exc.status_code, "http_error"), message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
            parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return reply(request, 422, "invalid_request", "; ".join(parts) or "Invalid request.")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("request %s failed", request.url.path)
        return reply(request, 500, "internal_error", "The server failed on this request; see its log.")


# ---------------------------------------------------------------- shared helpers


def _db(request: Request) -> Iterator[Any]:
    """A cursor on the read-only corpus for this request (one per request: thread-safe)."""
    corpus = request.app.state.corpus
    if corpus is None:
        raise ApiError(503, "no_corpus", "No corpus database: start the server with "
                       "'dotterel serve --db FILE.duckdb' (made by 'dotterel code INPUT --db FILE.duckdb').")
    cursor = corpus.con.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


Db = Annotated[Any, Depends(_db)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows per page")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]


def _filter(actor: str | None, country: str | None, type: str | None, quad_class: int | None,
            date_from: dt.date | None, date_to: dt.date | None, facts_only: bool,
            article_id: str | None = None) -> sq.EventFilter:
    flt = sq.EventFilter(actor=actor or None, country=country or None, type=type or None,
                         quad_class=quad_class, date_from=date_from, date_to=date_to,
                         facts_only=facts_only, article_id=article_id or None)
    try:
        flt.validate()
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    return flt


def _page_of(total: int, limit: int, offset: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset,
            "items": [sq.jsonable(r) for r in items]}


def code_article(app: FastAPI, *, text: str | None = None, html: str | None = None,
                 published: str | None = None, title: str | None = None,
                 id: str | None = None, page: bool = False) -> Article:
    """Code one article for a request in a worker of ``app.state.pool``; ``page`` applies the
    page's smaller limit. Raises ApiError: 422 on unusable input, 503 (E022, Retry-After) when
    the workers are busy, 504 (E023) over the time limit, 500 (E024) when a worker died."""
    limits: ServeLimits = app.state.limits
    job = CodeJob(text=text, html=html, published=published, title=title, id=id,
                  max_chars=limits.page_max_chars if page else None)
    try:
        result = app.state.pool.run(job, job.size)
    except PoolBusy as exc:
        raise ApiError(503, "E022", str(exc), headers={"Retry-After": str(exc.retry_after)}) from None
    except PoolTimeout as exc:
        raise ApiError(504, "E023", str(exc)) from None
    except WorkerDied as exc:
        raise ApiError(500, "E024", str(exc)) from None
    if isinstance(result, ErrorRecord):
        raise ApiError(422, result.code, result.message)
    return result


# ---------------------------------------------------------------- the API


def _install_api(app: FastAPI) -> None:
    @app.get("/health", tags=["service"], summary="Health and version")
    def health(request: Request) -> dict[str, Any]:
        """Liveness, the version, and the corpus served (if any)."""
        corpus = request.app.state.corpus
        info = None
        if corpus is not None:
            cursor = corpus.con.cursor()
            try:
                info = {"path": str(corpus.path), "articles": sq.article_count(cursor)}
            finally:
                cursor.close()
        return {"status": "ok", "version": __version__, "corpus": info,
                "workers": request.app.state.pool.stats()}

    @app.post("/api/code", tags=["code"], summary="Code an article", response_description="the article record (output schema in the README)")
    def api_code(request: Request, body: CodeRequest) -> JSONResponse:
        """Code one article (plain text or an HTML page) and return its record. Stores nothing."""
        if (body.text is None) == (body.html is None):
            raise ApiError(422, "invalid_request", "Send exactly one of 'text' or 'html'.")
        article = code_article(request.app, text=body.text, html=body.html,
                               published=body.published, title=body.title, id=body.id)
        return JSONResponse(article.to_dict())

    @app.get("/api/articles", tags=["corpus"], summary="List articles")
    def api_articles(con: Db, limit: Limit = 20, offset: Offset = 0,
                     source: str | None = None) -> dict[str, Any]:
        """Stored articles in storage order, with their event, quote and actor counts."""
        total, rows = sq.articles(con, limit=limit, offset=offset, source=source)
        return _page_of(total, limit, offset, rows)

    @app.get("/api/articles/{article_id:path}", tags=["corpus"], summary="One article's record")
    def api_article(con: Db, article_id: str) -> dict[str, Any]:
        """One stored article's full record."""
        record = sq.article_record(con, article_id)
        if record is None:
            raise ApiError(404, "not_found", f"No article with id '{article_id}'.")
        return record

    @app.get("/api/events", tags=["corpus"], summary="Filter events")
    def api_events(con: Db, actor: str | None = None, country: str | None = None,
                   type: Annotated[str | None, Query(description="PLOVER type, e.g. ASSAULT")] = None,
                   quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
                   date_from: dt.date | None = None, date_to: dt.date | None = None,
                   facts_only: Annotated[bool, Query(
                       description="only events reported as having happened (not negated, "
                                   "hypothetical or future)")] = True,
                   article_id: str | None = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Events (one flat row each, newest first) matching every filter given.

        ``actor`` (an actor id) and ``country`` (ISO3) match either side; dates bound the event date.
        """
        flt = _filter(actor, country, type, quad_class, date_from, date_to, facts_only, article_id)
        total, rows = sq.events(con, flt, limit=limit, offset=offset)
        return _page_of(total, limit, offset, rows)

    @app.get("/api/actors", tags=["corpus"], summary="List actors")
    def api_actors(con: Db, q: Annotated[str | None, Query(description="part of a name or id")] = None,
                   country: str | None = None, facts_only: bool = True, limit: Limit = 50,
                   offset: Offset = 0) -> dict[str, Any]:
        """Actors by the number of articles naming them, with mentions, event roles and quotes."""
        total, rows = sq.actors(con, limit=limit, offset=offset, q=q, country=country,
                                facts_only=facts_only)
        return _page_of(total, limit, offset, rows)

    @app.get("/api/actors/{actor_id:path}", tags=["corpus"], summary="One actor")
    def api_actor(con: Db, actor_id: str, facts_only: bool = True) -> dict[str, Any]:
        """One actor's summary."""
        row = sq.actor(con, actor_id, facts_only=facts_only)
        if row is None:
            raise ApiError(404, "not_found", f"No actor with id '{actor_id}' in this corpus.")
        return sq.jsonable(row)

    @app.get("/api/quotes", tags=["corpus"], summary="List quotes")
    def api_quotes(con: Db, speaker: Annotated[str | None, Query(description="speaker actor id")] = None,
                   article_id: str | None = None,
                   q: Annotated[str | None, Query(description="text the quote contains")] = None,
                   limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Quotes with their speakers, newest articles first."""
        total, rows = sq.quotes(con, limit=limit, offset=offset, speaker=speaker,
                                article_id=article_id, q=q)
        return _page_of(total, limit, offset, rows)

    @app.get("/api/stats/dyads", tags=["stats"], summary="Dyad counts")
    def api_dyads(con: Db, by: Annotated[str, Query(pattern="^(day|week|month|year|all)$")] = "all",
                  actor: str | None = None, country: str | None = None, type: str | None = None,
                  quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
                  date_from: dt.date | None = None, date_to: dt.date | None = None,
                  facts_only: bool = True, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Event counts and Goldstein sum/mean per (source, target) actor pair, overall or per period."""
        flt = _filter(actor, country, type, quad_class, date_from, date_to, facts_only)
        total, rows = sq.dyads(con, flt, by=None if by == "all" else by, limit=limit, offset=offset)
        return _page_of(total, limit, offset, rows)

    @app.get("/api/stats/quad", tags=["stats"], summary="QuadClass counts per period")
    def api_quad(con: Db, by: Annotated[str, Query(pattern="^(day|week|month|quarter|year)$")] = "month",
                 actor: str | None = None, country: str | None = None, type: str | None = None,
                 date_from: dt.date | None = None, date_to: dt.date | None = None,
                 facts_only: bool = True) -> dict[str, Any]:
        """Event counts per period by QuadClass (q1 verbal coop ... q4 material conflict)."""
        flt = _filter(actor, country, type, None, date_from, date_to, facts_only)
        return {"by": by, "items": [sq.jsonable(r) for r in sq.timeline(con, flt, by=by)]}


# ---------------------------------------------------------------- pages


def _page(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    env: jinja2.Environment = request.app.state.templates
    html = env.get_template(template).render(
        request_path=request.url.path, has_corpus=request.app.state.corpus is not None, **context)
    return HTMLResponse(html, status_code=status, headers={
        "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"})


def _example() -> dict[str, Any]:
    sample = resources.files("dotterel") / "data" / "samples" / "articles.jsonl"
    first = json.loads(sample.read_text(encoding="utf-8").splitlines()[0])
    return {"text": first["text"], "published": first.get("published") or "",
            "title": first.get("title") or ""}


def article_view(record: dict[str, Any]) -> dict[str, Any]:
    """What the annotated article view needs: highlighted pieces and the event table."""
    return {"record": record, "groups": group_pieces(highlight(record)),
            "counts": {k: len(record.get(k) or []) for k in ("actors", "events", "quotes", "places", "dates")}}


def _install_pages(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        return _page(request, "index.html", {"form": {"text": "", "published": "", "title": ""},
                                             "example": _example(), "error": None, "view": None})

    @app.post("/", response_class=HTMLResponse, include_in_schema=False)
    def index_code(request: Request, text: Annotated[str, Form()] = "",
                   published: Annotated[str, Form()] = "", title: Annotated[str, Form()] = "",
                   file: Annotated[UploadFile | None, File()] = None) -> HTMLResponse:
        form = {"text": text, "published": published, "title": title}
        error = None
        view = None
        status, headers = 200, None
        try:
            html = None
            if file is not None and file.filename:
                data = file.file.read()
                try:
                    content = data.decode("utf-8").removeprefix("\ufeff")
                except UnicodeDecodeError:
                    raise ApiError(422, "E003", "[E003] The uploaded file is not UTF-8 text. "
                                   "Re-encode it as UTF-8.") from None
                if file.filename.lower().endswith((".html", ".htm")) or \
                        re.match(r"\s*<(!doctype|html)", content, re.IGNORECASE):
                    html = content
                else:
                    form["text"] = content
            article = code_article(request.app, text=None if html is not None else form["text"],
                                   html=html, published=published, title=title, page=True)
            form["text"] = article.text
            view = article_view(article.to_dict())
        except ApiError as exc:
            error = {"code": exc.code, "message": exc.message}
            status, headers = exc.status, exc.headers
        page = _page(request, "index.html", {"form": form, "example": _example(), "error": error,
                                             "view": view}, status=status)
        page.headers.update(headers or {})
        return page

    @app.get("/article/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, con: Db, article_id: str) -> HTMLResponse:
        record = sq.article_record(con, article_id)
        if record is None:
            raise ApiError(404, "not_found", f"No article with id '{article_id}' in this corpus.")
        return _page(request, "article.html", {"view": article_view(record)})

    def corpus_filter(request: Request, actor: str | None, country: str | None, type: str | None,
                      quad_class: str | None, date_from: str | None, date_to: str | None,
                      facts: str, place: str | None = None) -> tuple[dict[str, str], sq.EventFilter]:
        """The corpus page's query parameters: as the form shows them, and as a filter."""
        if actor:
            cursor = request.app.state.corpus.con.cursor()
            try:
                actor = sq.resolve_actor(cursor, actor)
            finally:
                cursor.close()
        args = {"actor": actor or "", "country": country or "", "type": type or "",
                "quad_class": quad_class or "", "date_from": date_from or "",
                "date_to": date_to or "", "facts": "all" if facts == "all" else "facts",
                "place": place or ""}
        flt = _filter(actor, country, type, _int(quad_class, "quad_class"), _date(date_from, "date_from"),
                      _date(date_to, "date_to"), facts != "all")
        return args, replace(flt, place=place or None)

    @app.get("/corpus", response_class=HTMLResponse, include_in_schema=False)
    def corpus_page(request: Request, actor: str | None = None, country: str | None = None,
                    type: str | None = None, quad_class: Annotated[str | None, Query()] = None,
                    date_from: Annotated[str | None, Query()] = None,
                    date_to: Annotated[str | None, Query()] = None, facts: str = "facts",
                    page: Annotated[int, Query(ge=1)] = 1, n: Annotated[int, Query(ge=5, le=80)] = 30,
                    place: str | None = None) -> HTMLResponse:
        if request.app.state.corpus is None:
            return _page(request, "corpus.html", {"no_corpus": True})
        args, flt = corpus_filter(request, actor, country, type, quad_class, date_from, date_to, facts, place)
        generic = request.query_params.get("groups") == "all"  # generic groups in lists, network
        args["groups"] = "all" if generic else ""
        cursor = request.app.state.corpus.con.cursor()
        try:
            total_articles = sq.article_count(cursor)
            total, rows = sq.events(cursor, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
            timeline = _timeline(cursor, flt)
            _, dyad_rows = sq.dyads(cursor, flt, limit=n, generic=generic)
            choices = sq.actor_choices(cursor)
            active = sq.active_actors(cursor, flt, limit=12, generic=generic)
            places = map_chart(sq.event_places(cursor, flt), args)
        finally:
            cursor.close()
        keep = {k: v for k, v in args.items() if v and not (k == "facts" and v == "facts")}
        return _page(request, "corpus.html", {
            "no_corpus": False, "args": args, "total_articles": total_articles, "total": total,
            "rows": rows, "timeline": timeline, "n": n, "csv_link": "/corpus/events.csv?" + urlencode(keep),
            "network": network_chart(dyad_rows, center=flt.actor),
            "choices": choices, "active": active, "places": places,
            "pager": _pager("/corpus", args, page, total)})

    @app.get("/corpus/events.csv", tags=["corpus"], summary="Download the filtered events as CSV",
             response_class=Response)
    def corpus_events_csv(request: Request, con: Db, actor: str | None = None, country: str | None = None,
                          type: str | None = None, quad_class: Annotated[str | None, Query()] = None,
                          date_from: Annotated[str | None, Query()] = None,
                          date_to: Annotated[str | None, Query()] = None, facts: str = "facts",
                          place: str | None = None) -> Response:
        """Every event the corpus page shows for the same parameters, as the flat CSV columns."""
        _, flt = corpus_filter(request, actor, country, type, quad_class, date_from, date_to, facts, place)
        _, rows = sq.events(con, flt, limit=MAX_DOWNLOAD, offset=0)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=EVENT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "",
                    what: Annotated[str, Query(pattern="^(all|articles|quotes)$")] = "all") -> HTMLResponse:
        corpus = request.app.state.corpus
        if corpus is None:
            return _page(request, "search.html", {"no_corpus": True, "q": q, "what": what})
        hits: list[dict[str, Any]] = []
        if re.search(r"\w", q):
            with _SEARCH_LOCK:  # the search backend is looked up on the shared connection
                query, params = corpus._q_search(q, limit=50, what=what)
            cursor = corpus.con.cursor()
            try:
                hits = sq._rows(cursor.execute(query, params))
            finally:
                cursor.close()
        return _page(request, "search.html", {"no_corpus": False, "q": q, "what": what, "hits": hits})

    @app.get("/actor/{actor_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, con: Db, actor_id: str, facts: str = "facts",
                   page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
        facts_only = facts != "all"
        info = sq.actor(con, actor_id, facts_only=facts_only)
        if info is None:
            raise ApiError(404, "not_found", f"No actor with id '{actor_id}' in this corpus.")
        flt = sq.EventFilter(actor=actor_id, facts_only=facts_only)
        total, rows = sq.events(con, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        n_quotes, quotes = sq.quotes(con, limit=50, offset=0, speaker=actor_id)
        _, dyad_rows = sq.dyads(con, flt, limit=20)
        args = {"facts": "all" if not facts_only else "facts"}
        return _page(request, "actor.html", {
            "actor": info, "total": total, "rows": rows, "quotes": quotes, "n_quotes": n_quotes,
            "timeline": _timeline(con, flt), "network": network_chart(dyad_rows, center=actor_id),
            "args": args, "pager": _pager(request.url.path, args, page, total)})


def _int(value: str | None, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise ApiError(422, "invalid_request", f"{name} must be a number.") from None


def _date(value: str | None, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(422, "invalid_request", f"{name} must be a date YYYY-MM-DD.") from None


def _timeline(con: Any, flt: sq.EventFilter) -> dict[str, Any]:
    """The timeline over the publication period (or the filter's dates): events dated long
    before the articles (historical references) would stretch it to decades of empty months."""
    first, last = flt.date_from, flt.date_to
    pub_first, pub_last = sq.publication_range(con)
    first = first or pub_first
    last = last or pub_last
    rows_all = sq.timeline(con, flt, by="month")
    if not rows_all:
        return {"empty": True}
    first = first or rows_all[0]["period"]
    last = last or rows_all[-1]["period"]
    if first > last:
        first, last = last, first
    by = choose_period(first, last)
    rows = sq.timeline(con, flt, by=by)
    lo, hi = period_start(first, by), period_start(last, by)
    inside = [r for r in rows if lo <= r["period"] <= hi]
    chart = timeline_chart(inside, first=lo, last=hi, by=by)
    chart["outside"] = sum(int(r["events"]) for r in rows) - sum(int(r["events"]) for r in inside)
    return chart


def _pager(path: str, args: dict[str, str], page: int, total: int) -> dict[str, Any]:
    pages = max(1, -(-total // PAGE_SIZE))
    keep = {k: v for k, v in args.items() if v and not (k == "facts" and v == "facts")}

    def link(p: int) -> str:
        return path + "?" + urlencode({**keep, "page": p})

    return {"page": page, "pages": pages, "first": (page - 1) * PAGE_SIZE + 1 if total else 0,
            "last": min(total, page * PAGE_SIZE),
            "prev": link(page - 1) if page > 1 else None,
            "next": link(page + 1) if page < pages else None}


# ---------------------------------------------------------------- template filters


def _sentence_parts(row: dict[str, Any], context: int = 110) -> tuple[str, str, str]:
    """(before, trigger, after) of an event row's sentence, shortened around the trigger."""
    sentence = row.get("sentence") or ""
    s0 = row.get("sentence_start") or 0
    t0 = (row.get("trigger_start") or 0) - s0
    t1 = (row.get("trigger_end") or 0) - s0
    if not 0 <= t0 <= t1 <= len(sentence):
        return sentence[:2 * context], "", ""
    before, trigger, after = sentence[:t0], sentence[t0:t1], sentence[t1:]
    if len(before) > context:
        before = "…" + before[-context:].lstrip()
    if len(after) > context:
        after = after[:context].rstrip() + "…"
    return " ".join(before.split()) + (" " if before[-1:].isspace() else ""), trigger, \
        (" " if after[:1].isspace() else "") + " ".join(after.split())


def _safe_url(value: Any) -> str | None:
    """Only http(s) URLs become links: an article's url may say ``javascript:``."""
    if isinstance(value, str) and re.match(r"https?://", value.strip(), re.IGNORECASE):
        return value.strip()
    return None


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


__all__ = ["create_app", "code_article", "article_view", "ApiError", "BodyLimit", "MAX_BODY",
           "INSTALL_HINT"]
