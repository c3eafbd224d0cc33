"""Throughput of the Spark runner (local mode) against single-process `code_many`.

    .venv/bin/python benchmarks/bench_spark.py --n 2000 [--master 'local[*]']

Reads the first N articles of ../shared/data/corpora/allsides.jsonl.gz, codes them (1) with
`dotterel.code_many` in one process, model loaded before the clock starts, and (2) with
`dotterel.spark.code_dataframe` in Spark local mode, session started before the clock starts
(the Spark time includes each Python worker loading the model), checks both give the same
events and prints articles/s and the ratio.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

from dotterel import Settings, code_many


def load(path: Path, n: int) -> list[dict]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            if isinstance(rec.get("text"), str) and rec["text"].strip() and len(rec["text"]) < 50_000:
                out.append({k: rec.get(k) for k in ("id", "text", "published", "title", "source", "url")})
            if len(out) >= n:
                break
    return out


def descendants_cpu(root: int) -> float:
    """CPU seconds used so far by the processes below ``root`` (Spark's Python workers), Linux only.

    Live processes count their own time; ended ones were reaped by their parent, whose
    cutime/cstime hold them. Lets us compare CPU cost when the machine is shared and wall
    time says little.
    """
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))
    below, todo = set(), [root]
    while todo:
        parent = todo.pop()
        children = [pid for pid, (ppid, _) in stats.items() if ppid == parent]
        below.update(children)
        todo.extend(children)
    return sum(stats[pid][1] for pid in below) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent
                                               / "shared/data/corpora/allsides.jsonl.gz"))
    parser.add_argument("--skip-local", action="store_true", help="time Spark only")
    args = parser.parse_args()
    articles = load(Path(args.corpus), args.n)
    words = sum(len(a["text"].split()) for a in articles)
    print(f"articles: {len(articles)}  words: {words}  cores: {os.cpu_count()}  "
          f"master: {args.master}", file=sys.stderr)

    rows = []
    local_ids: set[str] = set()
    if not args.skip_local:
        settings = Settings(n_process=1)
        list(code_many(articles[:3], settings=settings))  # model and data loaded outside the timing
        start, cpu = time.perf_counter(), time.process_time()
        results = list(code_many(articles, settings=settings))
        secs, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"single process: {len(articles) / cpu:.2f} articles per CPU-second")
        local_ids = {e.id for r in results if r.ok for e in r.events}
        rows.append(("code_many, 1 process", secs))
        print(f"local done in {secs:.1f}s", file=sys.stderr)

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from dotterel.spark import code_dataframe, session

    start = time.perf_counter()
    spark = session(args.master, app_name="dotterel-bench", conf={
        "spark.ui.enabled": "false", "spark.driver.host": "127.0.0.1",
        "spark.driver.memory": "2g"})
    startup = time.perf_counter() - start
    cores = spark.sparkContext.defaultParallelism
    df = spark.createDataFrame(
        [tuple(a[k] for k in ("id", "text", "published", "title", "source", "url")) for a in articles],
        "id string, text string, published string, title string, source string, url string")
    jvm = spark.sparkContext._gateway.proc.pid  # the JVM launcher; Python workers run below it
    start, cpu = time.perf_counter(), descendants_cpu(jvm)
    frames = code_dataframe(df)
    spark_ids = {r.event_id for r in frames["events"].select("event_id").collect()}
    secs = time.perf_counter() - start
    errors = frames["errors"].count()  # a run that fails every article must not pass for a fast one
    cpu = descendants_cpu(jvm) - cpu
    print(f"Spark: {len(articles) / cpu:.2f} articles per CPU-second of its Python workers "
          f"(model loads included)")
    spark.stop()
    rows.append((f"Spark {args.master} ({cores} cores)", secs))

    print("load average (1, 5, 15 min) at the end: %.1f %.1f %.1f" % os.getloadavg())
    print(f"events: {len(spark_ids)}; error rows: {errors}; Spark session start-up {startup:.1f}s "
          "(not in the table)")
    if local_ids:
        print(f"same event ids as the local run: {spark_ids == local_ids}")
    print("| run | seconds | articles/s |")
    print("|---|---|---|")
    for name, secs in rows:
        print(f"| {name} | {secs:.1f} | {len(articles) / secs:.2f} |")
    if len(rows) == 2:
        print(f"\nratio Spark / single-process throughput: {rows[0][1] / rows[1][1]:.2f}")


if __name__ == "__main__":
    main()
