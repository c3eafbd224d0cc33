"""The corpus store: coded articles in an embedded DuckDB database, resumable and queryable.

``code_into(path, items)`` (the CLI's ``dotterel code INPUT... --db corpus.duckdb``) streams
articles through ``code_many`` and commits each batch — articles with all their child rows —
in one transaction, so a kill never leaves half an article. Before coding, every input is
looked up: an id already stored with the same content hash is skipped, so a re-run resumes
where the last one stopped and never stores an article twice. An id stored with *other*
content (ids that collide, or the positional ids readers give records without one) is stored
as ``"{id}~{hash12}"``. Bad records go to ``errors`` and are not marked done: fix the input
and re-run. ``Corpus(path)`` is the read side (pandas DataFrames, or Arrow with ``*_arrow``).

Schema (character offsets, end exclusive; ``"end"`` and ``"at"`` are SQL keywords, quote them)::

    articles   (id VARCHAR PRIMARY KEY, published DATE, title, source, url, text,
                content_hash VARCHAR  -- sha256 of the UTF-8 text
                coded_at TIMESTAMP    -- UTC, commit time of the batch
                seq BIGINT            -- insertion order
                input_id, origin      -- id as read (before any ~hash suffix), "file:line"
                meta JSON             -- input fields beyond id/text/published/title/source/url
                record JSON           -- the coder's full record with "text": null (text is above)
                coder JSON)           -- model.Coder: version and knowledge hashes it was coded with
    actors     (article_id, seq INTEGER, actor_id, name, kind, country, cameo, sector, wikidata)
    mentions   (article_id, actor_id, seq INTEGER, start INTEGER, "end" INTEGER, text)
    events     (event_id, article_id, seq INTEGER, then the flat columns of
                output.EVENT_COLUMNS: event_date DATE, published DATE, cameo_code/cameo_root
                VARCHAR (leading zeros kept), quad_class/offsets/geonameid BIGINT,
                goldstein/lat/lon/confidence DOUBLE, negated/hypothetical/future/hedged/is_fact
                BOOLEAN, the rest VARCHAR; n_reports/n_sources filled by ``rebuild_dedup``)
    quotes     (article_id, quote_id, seq INTEGER, kind, text, start INTEGER, "end" INTEGER,
                speaker_actor, speaker_name, cue_text, confidence DOUBLE, inflammatory BOOLEAN)
    places     (article_id, seq INTEGER, name, geonameid BIGINT, lat DOUBLE, lon DOUBLE,
                country, start INTEGER, "end" INTEGER)
    dates      (article_id, seq INTEGER, text, start INTEGER, "end" INTEGER, value DATE, granularity)
    errors     (id, origin, code, message, "at" TIMESTAMP)  -- current problems, one per id+origin
    meta       (key VARCHAR PRIMARY KEY, value VARCHAR)     -- schema version, index state
    event_clusters   (cluster_id, event_id)                 -- derived, see ``rebuild_dedup``
    canonical_events (cluster_id, event_date, event_type, ..., n_reports, n_articles,
                      n_sources, first_date, last_date, event_ids, article_ids, sources, ...)

De-duplication (``rebuild_dedup``, deterministic, rebuilt after every ``code --db`` run):
fact events (not negated, hypothetical or future; ``facts_only=False`` clusters all, keeping
modalities apart) are blocked by (event_type, source_actor, target_actor) — a missing actor
matches only a missing actor — and taken in order (event_date, article_id, seq). An event
joins the oldest open cluster of its block whose first date is at most ``window_days`` before
its own date and whose place country is compatible (equal, or either missing; a cluster takes
the first country it sees); otherwise it starts a cluster. So every pair of reports in a
cluster is within the window. Events without a date stay alone. ``cluster_id`` is the
event_id of the earliest report; a canonical event carries that report's coding, the first
place any report gives, the number of reports, articles and distinct outlets (``source``; an
article without one counts as its own outlet), and the ids of every report and article.

Full-text search uses DuckDB's ``fts`` extension from the PyPI package
``duckdb-extension-fts`` (pinned to the duckdb version; loaded from the package's file,
signature checked, no download). Without it, or while the index is out of date in a
read-only connection, ``search`` scans with parameterised substring matching instead.
All SQL that carries user values is parameterised.

Modules, each importing only the ones above it: ``schema`` (tables, connection, meta),
``rows`` (records <-> rows), ``dedup`` (canonical events, search index), ``writer`` (the
gate and the batch writer), ``salvage`` (reading round damaged blocks, E019), ``export``,
``queries`` (the read side's SQL), ``corpus`` (``Corpus`` and ``code_into``), ``diff`` (two
corpora compared: ``dotterel diff``).
"""
from __future__ import annotations

from .corpus import Corpus, code_into, code_into_cli
from .dedup import rebuild_dedup, rebuild_search_index
from ..model import article_from_dict
from .rows import content_hash, record_from_row
from .schema import DEFAULT_WINDOW_DAYS, EXPORT_FORMATS, PERIODS, TABLES, connect
from ..progress import progress_bar as _progress
from .writer import StoreReport

__all__ = ["Corpus", "StoreReport", "code_into", "connect", "rebuild_dedup",
           "rebuild_search_index", "article_from_dict", "record_from_row", "content_hash",
           "TABLES", "EXPORT_FORMATS", "PERIODS", "DEFAULT_WINDOW_DAYS", "code_into_cli", "_progress"]
