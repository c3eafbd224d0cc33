"""The Python API: ``code`` one article, ``code_many`` a stream, in input order.

Both are thin layers over the spaCy pipeline from ``nlp.pipeline.load_pipeline``; ``code_many``
batches with ``nlp.pipe`` and, with ``n_process > 1``, spreads batches over worker
processes that each load the model once.
"""
from __future__ import annotations

import datetime as dt
import itertools
import logging
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from .config import Settings
from .errors import ConfigError, Errors
from .event_mentions import merge_mentions
from .ingest import _check, normalise_date
from .model import Actor, Article, ArticleInput, Coder, ErrorRecord, TextSpan
from .nlp.pipeline import load_pipeline
from .nlp.state import DocState
from .versions import coder_for

log = logging.getLogger("dotterel")
Result = Article | ErrorRecord


def code(text: str, *, published: str | dt.date | None = None, id: str = "article",
         title: str | None = None, settings: Settings | None = None) -> Article:
    """Code one article. Raises ValueError (with an error code) on unusable input."""
    if isinstance(published, dt.date):
        published = published.isoformat()
    item = ArticleInput(id=id, text=text, published=published, title=title)
    result = next(code_many([item], settings=settings))
    if isinstance(result, ErrorRecord):
        raise ValueError(result.message)
    return result


def code_many(items: Iterable[ArticleInput | ErrorRecord | dict[str, Any] | str], *,
              settings: Settings | None = None, published: str | None = None) -> Iterator[Result]:
    """Code a stream of articles; yields one result per input, in input order, lazily."""
    settings = settings or Settings()
    checked = (_check(_as_input(item, n, settings.fields), published, settings.max_chars)
               for n, item in enumerate(items, start=1))
    batches = _batched(checked, settings.batch_size)
    if settings.n_process <= 1:
        for batch in batches:
            yield from _code_batch(batch, settings)
        return
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if second is None:  # one batch: not worth starting workers
        yield from _code_batch(first, settings)
        return
    context = multiprocessing.get_context("spawn" if _has_threads() else "fork")
    with context.Pool(settings.n_process, initializer=_worker_init, initargs=(settings,)) as pool:
        try:
            for results in pool.imap(_worker_code, itertools.chain([first, second], batches)):
                yield from results
        except _WorkerStartFailed as exc:
            raise ConfigError(Errors.E020, detail=exc) from None


def _code_batch(batch: list[ArticleInput | ErrorRecord], settings: Settings) -> Iterator[Result]:
    """The batch's results in order, each as soon as spaCy hands its doc over (a progress bar
    moves per article); when the batch breaks, the records from there on are coded alone."""
    nlp = load_pipeline(settings)
    coder = coder_for(settings)
    docs = nlp.pipe((_make_doc(nlp, item) for item in batch if isinstance(item, ArticleInput)),
                    batch_size=settings.batch_size)
    broken = False
    for item in batch:
        if not isinstance(item, ArticleInput):
            yield item
            continue
        result: Result | None = None
        if not broken:
            try:
                result = finish(assemble(next(docs), item, coder=coder), settings)
            except Exception as exc:  # find the record that broke the batch; the others still get coded
                log.warning("batch failed (%s); coding its remaining records one by one", exc)
                broken = True
        yield result if result is not None else _code_alone(item, settings)


def _code_alone(item: ArticleInput, settings: Settings) -> Result:
    nlp = load_pipeline(settings)
    try:
        return finish(assemble(nlp(_make_doc(nlp, item)), item, coder=coder_for(settings)), settings)
    except Exception as exc:
        log.debug("record %s failed", item.id, exc_info=True)
        return ErrorRecord(id=item.id, code="E010", message=Errors.E010.format(detail=exc),
                           origin=item.origin)


def _make_doc(nlp: Any, item: ArticleInput) -> Doc:
    doc = nlp.make_doc(item.text)
    state: DocState = doc._.dotterel
    state.published = dt.date.fromisoformat(item.published) if item.published else None
    return doc


def assemble(doc: Doc, item: ArticleInput, *, coder: Coder | None = None) -> Article:
    """Turn a processed doc's state into the Article record, with article-scoped ids;
    ``coder`` (``versions.coder_for``) says what coded it."""
    state: DocState = doc._.dotterel
    actors = tuple(
        Actor(id=a.key, name=a.name, kind=a.kind, country=a.country, cameo=a.cameo,
              sector=a.sector, wikidata=a.wikidata,
              mentions=tuple(TextSpan(start=s.start_char, end=s.end_char, text=s.text)
                             for s in sorted(a.mentions, key=lambda s: s.start)))
        for a in state.actors.values())
    actors += _speakers_outside(actors, state)
    # statement links (event.quote, quote.events) name stage ids: rename them with the records
    new_ids = {e.id: f"{item.id}:e{n}" for n, e in enumerate(state.events, start=1)}
    new_ids |= {q.id: f"{item.id}:q{n}" for n, q in enumerate(state.quotes, start=1)}
    events = tuple(replace(e, id=f"{item.id}:e{n}", quote=new_ids.get(e.quote) if e.quote else None)
                   for n, e in enumerate(state.events, start=1))
    quotes = tuple(replace(q, id=f"{item.id}:q{n}", events=tuple(new_ids[i] for i in q.events if i in new_ids))
                   for n, q in enumerate(state.quotes, start=1))
    return Article(id=item.id, text=item.text, published=item.published, title=item.title,
                   source=item.source, url=item.url, actors=actors, events=events, quotes=quotes,
                   places=tuple(state.places), dates=tuple(state.dates),
                   furniture=tuple(state.furniture), coder=coder)


def finish(article: Article, settings: Settings) -> Article:
    """The article as the settings want it: tellings merged, then unsure events left out."""
    if settings.merge_mentions:
        article = merge_mentions(article)
    return confident(article, settings.min_confidence)


def confident(article: Article, floor: float) -> Article:
    """The article without the events whose confidence is under ``floor`` (and without the
    quotes' links to them). Ids are kept, so an event has the same id at every floor."""
    if floor <= 0.0:
        return article
    events = tuple(e for e in article.events if e.confidence >= floor)
    kept = {e.id for e in events}
    quotes = tuple(replace(q, events=tuple(i for i in q.events if i in kept)) for q in article.quotes)
    return replace(article, events=events, quotes=quotes)


def _speakers_outside(actors: tuple[Actor, ...], state: DocState) -> tuple[Actor, ...]:
    """Quote speakers the actor stage did not know ("a witness") still get an actor record,
    so every ActorRef in the article points at an entry of ``actors``."""
    known = {a.id for a in actors}
    extra: dict[str, Actor] = {}
    for quote in state.quotes:
        ref = quote.speaker
        if ref is None or ref.actor in known:
            continue
        mention = TextSpan(start=ref.start, end=ref.end, text=ref.text)
        found = extra.get(ref.actor)
        mentions = (found.mentions if found else ()) + (
            (mention,) if not found or mention not in found.mentions else ())
        extra[ref.actor] = Actor(id=ref.actor, name=ref.name, kind="group", country=ref.country,
                                 cameo=ref.cameo, mentions=mentions)
    return tuple(extra.values())


def _as_input(item: ArticleInput | ErrorRecord | dict[str, Any] | str, n: int,
              fields: dict[str, str] | None = None) -> ArticleInput | ErrorRecord:
    if isinstance(item, (ArticleInput, ErrorRecord)):
        return item
    if isinstance(item, str):
        return ArticleInput(id=f"article-{n}", text=item)
    from .ingest import _from_mapping

    return _from_mapping(item, f"item {n}", f"article-{n}", fields)


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


_worker_settings: Settings | None = None
_worker_failure: str | None = None


class _WorkerStartFailed(RuntimeError):
    """A worker's start failed; raised by its first task so that the pool stops (a Pool whose
    initializer raises starts new workers for ever). Plain message: it crosses processes."""


def _worker_init(settings: Settings) -> None:
    global _worker_settings, _worker_failure
    _worker_settings = settings
    try:
        load_pipeline(settings)
    except Exception as exc:
        _worker_failure = str(exc) or type(exc).__name__


def _worker_code(batch: list[ArticleInput | ErrorRecord]) -> list[Result]:
    if _worker_failure is not None:
        raise _WorkerStartFailed(_worker_failure)
    assert _worker_settings is not None
    return list(_code_batch(batch, _worker_settings))


def _has_threads() -> bool:
    import threading

    return threading.active_count() > 1


__all__ = ["code", "code_many", "assemble", "finish", "confident", "normalise_date"]
