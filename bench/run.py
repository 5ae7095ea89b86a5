"""strikemap benchmarks: print a table and write JSON (bench/results/latest.json).

    python bench/run.py                                   # the full run (about 15 minutes on 2 cores)
    python bench/run.py --gazetteer /tmp/strikemap-full.jsonl
    python bench/run.py --quick                           # for CI: a smaller corpus, 3 runs (< 3 minutes)

Every figure is the median of several runs (5, or 3 with --quick), each run listed in the JSON.
Load time and memory are measured in a fresh Python process per run (peak RSS: VmHWM from
/proc/self/status, else getrusage). Throughput excludes interpreter start, imports and the gazetteer
load (reported on their own); the per-name caches of the name-folding code (``NAME_CACHE_MODULES``:
spelling, Arabic folding, Arabic cues and names) are emptied before every run, so each run pays for folding
the corpus' words once, as a fresh process would. (Before 2026-12-07 the clearing emptied nothing: it looked
for the caches on the function ``strikemap.normalize``, which shadowed its module.)

Only the standard library, strikemap's dependencies, and flashgeotext (the peer) are used.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import corpus
import machine

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
DEFAULT_FULL = Path("/tmp/strikemap-full.jsonl")
SCHEMA = 1
PROBE_NAME = "Jisr Al-Shqour"


@dataclass
class Mode:
    name: str
    runs: int
    corpus: int
    names: int  # per kind of name (exact, variant, fuzzy)
    map_sizes: tuple[int, ...]
    cli_runs: int
    jobs: tuple[int, ...]


MODES = {
    "full": Mode("full", runs=5, corpus=10_000, names=2_000, map_sizes=(1_000, 10_000, 100_000), cli_runs=10,
                 jobs=(1, 2)),
    "quick": Mode("quick", runs=3, corpus=300, names=300, map_sizes=(1_000, 10_000), cli_runs=5, jobs=(1, 2)),
    "smoke": Mode("smoke", runs=3, corpus=12, names=15, map_sizes=(100,), cli_runs=3, jobs=(1, 2)),
}


@dataclass
class Figure:
    name: str
    label: str
    unit: str
    runs: list[float] = field(default_factory=list)
    note: str | None = None
    better: str = "lower"  # or "higher"

    @property
    def value(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "unit": self.unit, "value": _round(self.value),
                "runs": [_round(r) for r in self.runs], "n_runs": len(self.runs), "better": self.better,
                "note": self.note}


@dataclass
class Target:
    name: str
    figure: str
    op: str  # "<", "<=" or ">="
    threshold: float
    unit: str
    note: str = ""

    def check(self, figures: dict[str, Figure]) -> dict[str, Any]:
        fig = figures.get(self.figure)
        value = fig.value if fig else None
        compare = {"<": float.__lt__, "<=": float.__le__, ">=": float.__ge__}[self.op]
        met = None if value is None else compare(float(value), float(self.threshold))
        return {"name": self.name, "figure": self.figure, "target": f"{self.op} {self.threshold:g} {self.unit}",
                "value": _round(value), "unit": self.unit, "met": met, "note": self.note}


def _round(x: float | None) -> float | None:
    if x is None:
        return None
    return float(f"{x:.4g}") if abs(x) < 1e6 else round(x)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100), nearest rank on sorted values."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


# -- fresh-process measurements ------------------------------------------------------------------

_CHILD = r"""
import json, resource, sys, time
def mem():
    out = {}
    try:
        for line in open('/proc/self/status'):
            if line.startswith(('VmHWM:', 'VmRSS:')):
                out[line.split(':')[0]] = int(line.split()[1]) / 1024
    except OSError:
        pass
    out.setdefault('VmHWM', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out
base = mem()
t0 = time.perf_counter()
exec(compile(sys.argv[1], 'setup', 'exec'))
t1 = time.perf_counter()
exec(compile(sys.argv[2], 'work', 'exec'))
t2 = time.perf_counter()
after = mem()
print(json.dumps({'setup_s': t1 - t0, 'work_s': t2 - t1, 'base_mb': base.get('VmRSS', base['VmHWM']),
                  'peak_mb': after['VmHWM'], 'rss_mb': after.get('VmRSS', after['VmHWM'])}))
"""


def child(setup: str, work: str = "pass", env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``setup`` then ``work`` in a fresh interpreter; their times and the process's peak RSS (MB)."""
    proc = subprocess.run([sys.executable, "-c", _CHILD, setup, work], capture_output=True, text=True,
                          timeout=600, env=env, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"child failed: {proc.stderr.strip()[-800:]}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def bench_load(label: str, path: Path | None, mode: Mode) -> list[Figure]:
    where = "default" if path is None else repr(str(path))
    setup = "from strikemap.gazetteer.lookup import Gazetteer"
    load = "g = Gazetteer.default()" if path is None else f"g = Gazetteer.load({where})"
    index = "from strikemap.toponyms import find_spans; find_spans('Jets struck Idlib.', g)"
    figs = {
        "import": Figure(f"load.{label}.import_s", f"import strikemap.gazetteer.lookup ({label} run)", "s"),
        "time": Figure(f"load.{label}.time_s", f"{label} gazetteer: load", "s"),
        "rss": Figure(f"load.{label}.peak_rss_mb", f"{label} gazetteer: peak RSS after load (whole process)", "MB"),
        "delta": Figure(f"load.{label}.rss_delta_mb", f"{label} gazetteer: RSS added by import + load", "MB"),
        "index": Figure(f"load.{label}.name_index_s", f"{label} gazetteer: name automaton build (first find_spans)",
                        "s"),
        "index_rss": Figure(f"load.{label}.peak_rss_with_index_mb", f"{label} gazetteer: peak RSS with name automaton",
                            "MB"),
    }
    for _ in range(mode.runs):
        r = child(setup, load)
        figs["import"].runs.append(r["setup_s"])
        figs["time"].runs.append(r["work_s"])
        figs["rss"].runs.append(r["peak_mb"])
        figs["delta"].runs.append(r["peak_mb"] - r["base_mb"])
        r2 = child(f"{setup}\n{load}", index)
        figs["index"].runs.append(r2["work_s"])
        figs["index_rss"].runs.append(r2["peak_mb"])
    return list(figs.values())


# -- names ---------------------------------------------------------------------------------------

_VARIANT_EDITS = (
    ("al-", "el-"), ("ash-", "esh-"), ("as-", "es-"), ("ad-", "ed-"), ("Kafr ", "Kfar "), ("Tall ", "Tell "),
    ("Tal ", "Tell "), ("Jabal ", "Jebel "), ("Shaykh", "Sheikh"), ("ou", "u"), ("u", "ou"), ("i", "ee"),
    ("q", "k"), ("-", " "), (" ", ""), ("ah", "eh"), ("ay", "ei"), ("sh", "ch"),
)


def _typo(name: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if len(letters) < 5:
        return name
    i = rng.choice(letters[1:-1])
    kind = rng.randrange(3)
    if kind == 0:  # drop a letter
        return name[:i] + name[i + 1 :]
    if kind == 1 and i + 1 < len(name):  # swap two letters
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + name[i] + name[i:]  # double a letter


def name_sets(gaz: Any, n: int, seed: int = 6) -> dict[str, list[str]]:
    """Distinct names that ``lookup`` finds by the exact tier, by the variant tier, and only by fuzzy fallback."""
    rng = random.Random(seed)
    spelled = sorted({name for p in gaz.places for name in (p.name, *p.names) if len(name) >= 4})
    rng.shuffle(spelled)
    exact = [s for s in spelled[: n * 3] if (m := gaz.lookup(s, limit=1)) and m[0].method == "exact"][:n]
    variant: list[str] = []
    fuzzy: list[str] = []
    seen: set[str] = set(spelled)
    for name in spelled:
        if len(variant) >= n and len(fuzzy) >= n:
            break
        if len(variant) < n:
            edits = [e for e in _VARIANT_EDITS if e[0] in name]
            if edits:
                a, b = rng.choice(edits)
                cand = name.replace(a, b, 1)
                if cand not in seen and (m := gaz.lookup(cand, limit=1, fuzzy=False)) and m[0].method == "variant":
                    variant.append(cand)
                    seen.add(cand)
        if len(fuzzy) < n and len(name) >= 6:
            cand = _typo(name, rng)
            # Fuzzy fallback: no exact, variant or skeleton key matches, whether fuzzy then finds it or not.
            if cand not in seen and not gaz.lookup(cand, limit=1, fuzzy=False):
                fuzzy.append(cand)
                seen.add(cand)
    return {"exact": exact, "variant": variant, "fuzzy": fuzzy}


# The per-name caches of the name-folding code: emptied before every timed run so that a run folds every name
# afresh. (Not emptied: the gazetteer, loaded once, and the name automaton, built on first use and timed on
# its own.)
NAME_CACHE_MODULES = ("strikemap.spelling", "strikemap.arabic.fold", "strikemap.arabic.cues",
                      "strikemap.arabic.mentions")


def clear_name_caches() -> int:
    """Empty the lru_caches of ``NAME_CACHE_MODULES``; how many caches were emptied."""
    import importlib

    cleared = 0
    for name in NAME_CACHE_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                value.cache_clear()
                cleared += 1
    if not cleared:
        raise RuntimeError(f"no name cache found in {', '.join(NAME_CACHE_MODULES)}: update NAME_CACHE_MODULES")
    return cleared


def bench_resolve(label: str, gaz: Any, mode: Mode) -> tuple[list[Figure], dict[str, int]]:
    from strikemap.resolver import resolve

    sets = name_sets(gaz, mode.names)
    figs: list[Figure] = []
    for kind, names in sets.items():
        if not names:
            continue
        p50 = Figure(f"resolve.{label}.{kind}.p50_ms", f"resolve one {kind} name, p50 ({label})", "ms")
        p99 = Figure(f"resolve.{label}.{kind}.p99_ms", f"resolve one {kind} name, p99 ({label})", "ms")
        for _ in range(mode.runs):
            clear_name_caches()
            times = []
            for name in names:
                t = time.perf_counter_ns()
                resolve(name, gazetteer=gaz)
                times.append((time.perf_counter_ns() - t) / 1e6)
            p50.runs.append(percentile(times, 50))
            p99.runs.append(percentile(times, 99))
        p99.note = f"{len(names)} distinct names, name caches emptied before each run"
        figs += [p50, p99]
    batch = sets["exact"] + sets["variant"]
    random.Random(7).shuffle(batch)
    rate = Figure(f"resolve.{label}.batch_names_per_s", f"batch resolve, exact + variant names ({label})",
                  "names/s", better="higher", note=f"{len(batch)} distinct names, cold name caches")
    typo_batch = batch + sets["fuzzy"][: max(1, len(batch) // 20)]
    random.Random(8).shuffle(typo_batch)
    rate_typos = Figure(f"resolve.{label}.batch_5pct_typos_names_per_s",
                        f"batch resolve, 5% typos that need fuzzy fallback ({label})", "names/s", better="higher",
                        note=f"{len(typo_batch)} names")
    for fig, names in ((rate, batch), (rate_typos, typo_batch)):
        if not names:
            continue
        for _ in range(mode.runs):
            clear_name_caches()
            t = time.perf_counter()
            for name in names:
                resolve(name, gazetteer=gaz)
            fig.runs.append(len(names) / (time.perf_counter() - t))
        figs.append(fig)
    return figs, {k: len(v) for k, v in sets.items()}


# -- articles ------------------------------------------------------------------------------------


def _pipeline_function(name: str) -> Callable[..., Any] | None:
    try:
        import strikemap.pipeline as pipeline  # being written: may not exist yet
    except ImportError:
        return None
    func = getattr(pipeline, name, None)
    return func if callable(func) else None


def geocode_doc(text: str) -> Any:
    """The ``geocode`` command's work on one report (pipeline.geocode_article when it exists)."""
    from strikemap.gazetteer.lookup import load_gazetteer

    gaz = load_gazetteer()
    func = _pipeline_function("geocode_article")
    if func is not None:
        return _call_with_gazetteer(func, text, gaz)
    from strikemap.resolver import resolve_mentions
    from strikemap.toponyms import find_spans

    return resolve_mentions(text, find_spans(text, gaz), gaz)


def events_doc(text: str) -> Any:
    """The ``events`` command's work on one report: pipeline.extract_events."""
    from strikemap.gazetteer.lookup import load_gazetteer

    func = _pipeline_function("extract_events")
    if func is None:
        raise RuntimeError("strikemap.pipeline.extract_events does not exist yet")
    return _call_with_gazetteer(func, text, load_gazetteer())


def _call_with_gazetteer(func: Callable[..., Any], text: str, gaz: Any) -> Any:
    params = inspect.signature(func).parameters
    if "gazetteer" in params:
        return func(text, gazetteer=gaz)
    return func(text)


def throughput(func: Callable[[str], Any], texts: list[str], runs: int) -> list[float]:
    func(texts[0])  # warm: the gazetteer and the name automaton are built outside the timing
    rates = []
    for _ in range(runs):
        clear_name_caches()
        gc.collect()
        t = time.perf_counter()
        for text in texts:
            func(text)
        rates.append(len(texts) / (time.perf_counter() - t))
    return rates


def scaling(func: Callable[[str], Any], texts: list[str], mode: Mode, stage: str) -> list[Figure]:
    from strikemap.parallel import map_documents

    figs = []
    for jobs in mode.jobs:
        fig = Figure(f"{stage}.jobs{jobs}.articles_per_s", f"{stage} with map_documents(jobs={jobs})",
                     "articles/s", better="higher", note="includes starting the worker processes")
        for _ in range(mode.runs):
            clear_name_caches()
            t = time.perf_counter()
            map_documents(func, texts, jobs=jobs)
            fig.runs.append(len(texts) / (time.perf_counter() - t))
        figs.append(fig)
    one, many = figs[0], figs[-1]
    if one.value and many.value and len(figs) > 1:
        speed = Figure(f"{stage}.speedup_jobs{mode.jobs[-1]}", f"{stage}: speed-up with {mode.jobs[-1]} jobs", "x",
                       better="higher")
        speed.runs = [m / o for o, m in zip(one.runs, many.runs, strict=True)]
        figs.append(speed)
    return figs


def bench_articles(texts: list[str], gaz_label: str, mode: Mode) -> tuple[list[Figure], list[str]]:
    notes = []
    geo = Figure("geocode.articles_per_s", f"geocode, one process ({gaz_label})", "articles/s", better="higher")
    geo.runs = throughput(geocode_doc, texts, mode.runs)
    words = sum(len(t.split()) for t in texts)
    geo_words = Figure("geocode.words_per_s", f"geocode, one process ({gaz_label})", "words/s", better="higher")
    geo_words.runs = [r * words / len(texts) for r in geo.runs]
    figs = [geo, geo_words]
    stage, func = "geocode", geocode_doc
    if _pipeline_function("extract_events") is not None:
        ev = Figure("events.articles_per_s", f"events, one process ({gaz_label})", "articles/s", better="higher")
        ev.runs = throughput(events_doc, texts, mode.runs)
        figs.append(ev)
        stage, func = "events", events_doc
    else:
        notes.append("events: strikemap.pipeline.extract_events is not there yet; scaling measured on geocode")
    figs += scaling(func, texts, mode, stage)
    arabic = sorted((ROOT / "tests" / "arabic" / "reports").glob("*.ar.txt"))
    if arabic and _pipeline_function("extract_events") is not None:
        # The Arabic test reports (short civil-defence and monitor posts), beside their English versions.
        ar_texts = [p.read_text(encoding="utf-8") for p in arabic]
        en_texts = [p.read_text(encoding="utf-8") for p in sorted(arabic[0].parent.glob("*.en.txt"))]
        for lang, sample in (("arabic", ar_texts), ("english_versions", en_texts)):
            fig = Figure(f"events.{lang}.reports_per_s", f"events on the {lang.replace('_', ' ')} of tests/arabic "
                         f"({len(sample)} short reports, {gaz_label})", "reports/s", better="higher")
            fig.runs = throughput(events_doc, sample * max(1, 400 // len(sample)), mode.runs)
            figs.append(fig)
    return figs, notes


# -- the peer ------------------------------------------------------------------------------------


def bench_peer(texts: list[str], gaz_path: Path | None, mode: Mode) -> tuple[list[Figure], list[str]]:
    try:
        from flashgeotext.geotext import GeoText, GeoTextConfiguration
        from flashgeotext.lookup import LookupData
    except ImportError:
        return [], ["flashgeotext is not installed (pip install flashgeotext): no peer comparison"]
    import logging

    logging.getLogger("flashgeotext").setLevel(logging.ERROR)
    try:
        from loguru import logger  # flashgeotext logs through loguru when it is there

        logger.disable("flashgeotext")
    except ImportError:
        pass
    load = Figure("peer.flashgeotext.load_s", "flashgeotext: load its world cities and countries", "s")
    rss = Figure("peer.flashgeotext.peak_rss_mb", "flashgeotext: peak RSS after load", "MB")
    quiet = "\ntry:\n from loguru import logger; logger.disable('flashgeotext')\nexcept ImportError:\n pass"
    for _ in range(mode.runs):
        r = child("from flashgeotext.geotext import GeoText" + quiet, "g = GeoText()")
        load.runs.append(r["work_s"])
        rss.runs.append(r["peak_mb"])
    geotext = GeoText()
    rate = Figure("peer.flashgeotext.articles_per_s", "flashgeotext extract, its own data", "articles/s",
                  better="higher")
    rate.runs = throughput(lambda t: geotext.extract(input_text=t), texts, mode.runs)
    figs = [load, rss, rate]

    from strikemap.gazetteer.lookup import load_gazetteer

    gaz = load_gazetteer(gaz_path)
    ours = GeoText(GeoTextConfiguration(use_demo_data=False))
    ours.add(LookupData(name="strikemap", data={p.place_id: sorted({p.name, *p.names}) for p in gaz.places}))
    same = Figure("peer.flashgeotext_same_names.articles_per_s",
                  "flashgeotext extract, strikemap's gazetteer names", "articles/s", better="higher")
    same.runs = throughput(lambda t: ours.extract(input_text=t), texts, mode.runs)
    figs.append(same)
    return figs, []


def bench_short(texts: list[str], gaz_path: Path | None, gaz_label: str,
                mode: Mode) -> tuple[list[Figure], list[str]]:
    """strikemap events and flashgeotext on the same short reports, in the same run, and their ratio."""
    ev = Figure("events.short.articles_per_s", f"events, short reports (~95 words), one process ({gaz_label})",
                "articles/s", better="higher")
    ev.runs = throughput(events_doc, texts, mode.runs)
    figs = [ev]
    try:
        from flashgeotext.geotext import GeoText, GeoTextConfiguration
        from flashgeotext.lookup import LookupData
    except ImportError:
        return figs, ["flashgeotext is not installed: no peer on the short reports"]
    from strikemap.gazetteer.lookup import load_gazetteer

    gaz = load_gazetteer(gaz_path)
    ours = GeoText(GeoTextConfiguration(use_demo_data=False))
    ours.add(LookupData(name="strikemap", data={p.place_id: sorted({p.name, *p.names}) for p in gaz.places}))
    peer = Figure("peer.flashgeotext_same_names.short_articles_per_s",
                  "flashgeotext extract, short reports, strikemap's gazetteer names", "articles/s", better="higher")
    peer.runs = throughput(lambda t: ours.extract(input_text=t), texts, mode.runs)
    ratio = Figure("ratio.events_short_time_vs_flashgeotext", "strikemap events time / flashgeotext time, short "
                   "reports (run by run)", "x")
    ratio.runs = [p / o for o, p in zip(ev.runs, peer.runs, strict=True)]
    return [*figs, peer, ratio], []


def bench_accuracy(gaz_path: Path | None, mode: Mode) -> tuple[list[Figure], list[str]]:
    """``strikemap evaluate`` on the ACLED sample beside the checkout: speed is never bought with accuracy."""
    sample = ROOT.parent / "shared" / "data" / "acled-sample" / "acled_idlib_hama_2022.csv"
    if not sample.exists():
        return [], [f"{sample} is absent: no accuracy figures"]
    from strikemap.evaluate import evaluate_file
    from strikemap.gazetteer.lookup import load_gazetteer

    label = "full" if gaz_path else "default"
    located = Figure("accuracy.acled.located_pct", f"ACLED sample, strike and clash records: located within "
                     f"tolerance ({label})", "%", better="higher")
    typed = Figure("accuracy.acled.type_agrees_pct", f"ACLED sample, strike and clash records: event type agrees "
                   f"({label})", "%", better="higher")
    for _ in range(mode.runs):  # the pipeline is deterministic: the runs must agree
        result = evaluate_file(sample, gazetteer=load_gazetteer(gaz_path)).to_dict()
        group = next((g for g in result["groups"] if g["group"] == "strike and clash"), None)
        if group is None:
            return [], ["evaluate gave no 'strike and clash' group: no accuracy figures"]
        located.runs.append(100.0 * group["located"] / max(1, group["records"]))
        typed.runs.append(100.0 * group["type_agrees"] / max(1, group["records"]))
    return [located, typed], []


# -- command line and maps -----------------------------------------------------------------------


def _strikemap_command() -> list[str]:
    script = Path(sys.executable).parent / "strikemap"
    if script.exists():
        return [str(script)]
    found = shutil.which("strikemap")
    return [found] if found else [sys.executable, "-m", "strikemap"]


def _wall(argv: list[str], runs: int) -> list[float]:
    # The shipped default unless --gazetteer says otherwise: no STRIKEMAP_GAZETTEER from this process.
    env = {k: v for k, v in os.environ.items() if k != "STRIKEMAP_GAZETTEER"}
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, timeout=120, cwd=ROOT, env=env)
        times.append(time.perf_counter() - t)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed: {proc.stderr.decode(errors='replace')[-500:]}")
    return times


def bench_cli(full: Path | None, mode: Mode) -> list[Figure]:
    cmd = _strikemap_command()
    figs = [
        Figure("cli.python_startup_s", "python -c pass (the floor)", "s"),
        Figure("cli.help_s", "strikemap --help", "s"),
        Figure("cli.resolve.default_s", f"strikemap resolve \"{PROBE_NAME}\" (default gazetteer)", "s"),
    ]
    figs[0].runs = _wall([sys.executable, "-c", "pass"], mode.cli_runs)
    figs[1].runs = _wall([*cmd, "--help"], mode.cli_runs)
    figs[2].runs = _wall([*cmd, "resolve", PROBE_NAME], mode.cli_runs)
    if full is not None:
        fig = Figure("cli.resolve.full_s", f"strikemap resolve \"{PROBE_NAME}\" --gazetteer FULL", "s")
        fig.runs = _wall([*cmd, "resolve", PROBE_NAME, "--gazetteer", str(full)], mode.cli_runs)
        figs.append(fig)
    return figs


def bench_maps(mode: Mode) -> tuple[list[Figure], list[str]]:
    """Map build time and HTML size, by the map engineer's ``bench/map_scale.py`` (``measure(n)``)."""
    try:
        import map_scale
    except ImportError as exc:
        return [], [f"maps: bench/map_scale.py cannot be imported ({exc}); no map figures"]
    figs = []
    for n in mode.map_sizes:
        total = Figure(f"map.{n}.build_s", f"map of {n:,} events: build + write HTML", "s")
        build = Figure(f"map.{n}.build_only_s", f"map of {n:,} events: build (folium map)", "s")
        save = Figure(f"map.{n}.save_s", f"map of {n:,} events: write HTML", "s")
        size = Figure(f"map.{n}.html_mb", f"map of {n:,} events: HTML size", "MB")
        for _ in range(mode.runs):
            result = map_scale.measure(n)
            total.runs.append(float(result["seconds"]))
            build.runs.append(float(result["build_s"]))
            save.runs.append(float(result["save_s"]))
            size.runs.append(float(result["html_bytes"]) / 1e6)
        figs += [total, build, save, size]
    notes: list[str] = []
    try:
        import map_browser
    except ImportError as exc:
        return figs, [f"maps: bench/map_browser.py cannot be imported ({exc}); no browser figures"]
    if not map_browser.CHROMIUM.exists():
        return figs, [*notes, "maps: /usr/bin/chromium is absent; the map was not opened in a browser"]
    n = max(mode.map_sizes)
    drawn = Figure(f"map.{n}.drawn_s", f"map of {n:,} events: opened in Chromium until markers are drawn", "s")
    heap = Figure(f"map.{n}.js_heap_mb", f"map of {n:,} events: page JS heap once drawn", "MB")
    result = map_browser.measure(n, runs=mode.runs)
    drawn.runs = [float(x) for x in result["drawn_s"]]
    heap.runs = [float(x) for x in result["js_heap_mb"]]
    return [*figs, drawn, heap], notes


# -- targets, table, main ------------------------------------------------------------------------


def targets(primary: str) -> list[Target]:
    note = "" if primary == "full" else "measured on the default gazetteer: the full one was absent"
    return [
        Target("events >= 500 articles/s, one process", "events.articles_per_s", ">=", 500, "articles/s", note),
        Target("events >= 1,000 short reports/s, one process", "events.short.articles_per_s", ">=", 1000,
               "articles/s", note),
        Target("events at most 3x flashgeotext's time, short reports", "ratio.events_short_time_vs_flashgeotext",
               "<=", 3, "x", note),
        Target("ACLED sample: >= 90% of strike and clash records located", "accuracy.acled.located_pct", ">=", 90,
               "%", note),
        Target("ACLED sample: event type >= 90%", "accuracy.acled.type_agrees_pct", ">=", 90, "%", note),
        Target("geocode >= 500 articles/s, one process", "geocode.articles_per_s", ">=", 500, "articles/s", note),
        Target("near-linear with cores: >= 1.7x on 2 jobs", "events.speedup_jobs2", ">=", 1.7, "x", note),
        Target("near-linear with cores (geocode): >= 1.7x on 2 jobs", "geocode.speedup_jobs2", ">=", 1.7, "x", note),
        Target("batch resolve >= 50,000 names/s", f"resolve.{primary}.batch_names_per_s", ">=", 50_000, "names/s",
               note),
        Target("single name p99 < 1 ms (exact)", f"resolve.{primary}.exact.p99_ms", "<", 1.0, "ms", note),
        Target("single name p99 < 1 ms (variant)", f"resolve.{primary}.variant.p99_ms", "<", 1.0, "ms", note),
        Target("fuzzy fallback < 2 ms (p99)", f"resolve.{primary}.fuzzy.p99_ms", "<", 2.0, "ms", note),
        Target("strikemap --help < 0.3 s", "cli.help_s", "<", 0.3, "s"),
        Target("strikemap resolve NAME < 0.8 s", f"cli.resolve.{primary}_s", "<", 0.8, "s", note),
        Target("gazetteer load < 0.5 s", f"load.{primary}.time_s", "<", 0.5, "s", note),
        Target("gazetteer load < 300 MB RSS", f"load.{primary}.peak_rss_mb", "<", 300, "MB", note),
        Target("100,000-event map < 15 s", "map.100000.build_s", "<", 15, "s"),
        Target("100,000-event map drawn in Chromium < 5 s", "map.100000.drawn_s", "<", 5, "s"),
        Target("100,000-event map HTML < 30 MB", "map.100000.html_mb", "<", 30, "MB"),
    ]


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def table(figures: list[Figure], checked: list[dict[str, Any]]) -> str:
    by_figure = {c["figure"]: c for c in checked}
    rows = [("figure", "median", "unit", "runs", "target")]
    for f in figures:
        c = by_figure.get(f.name)
        mark = "" if c is None else f"{c['target']} {'MET' if c['met'] else 'NOT MET' if c['met'] is False else ''}"
        rows.append((f.label, _fmt(f.value), f.unit, str(len(f.runs)), mark.strip()))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for i, r in enumerate(rows):
        lines.append("  ".join(cell.rjust(w) if 0 < j < 4 else cell.ljust(w) for j, (cell, w) in
                               enumerate(zip(r, widths, strict=True))).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="strikemap benchmarks: a table on stdout, JSON in bench/results/")
    parser.add_argument("--quick", action="store_true", help="smaller corpus and 3 runs, for CI (< 3 minutes)")
    parser.add_argument("--smoke", action="store_true", help="with --quick: a tiny run that checks the harness")
    parser.add_argument("--gazetteer", type=Path, default=None,
                        help=f"the full gazetteer (default: {DEFAULT_FULL} when it exists)")
    parser.add_argument("--corpus", type=int, default=None, help="number of generated reports (overrides the mode)")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (at least 3)")
    parser.add_argument("--out", type=Path, default=None, help="JSON output (default bench/results/latest.json)")
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["load", "resolve", "articles", "accuracy", "peer", "cli", "maps"],
                        help="sections to leave out")
    args = parser.parse_args(argv)
    mode = MODES["smoke" if args.smoke else "quick" if args.quick else "full"]
    if args.corpus:
        mode.corpus = args.corpus
    if args.runs:
        mode.runs = max(3, args.runs)
    started = time.perf_counter()
    notes: list[str] = []

    full = args.gazetteer
    if full is None and DEFAULT_FULL.exists():
        full = DEFAULT_FULL
    if full is not None and not full.exists():
        notes.append(f"full gazetteer {full} does not exist: figures are for the default gazetteer only")
        full = None
    if full is None:
        notes.append("no full gazetteer (build one with 'strikemap gazetteer build' and pass --gazetteer PATH, "
                     f"or put it at {DEFAULT_FULL}): targets were checked on the default gazetteer")
        log(notes[-1])
    primary = "full" if full else "default"

    from strikemap.gazetteer.lookup import Gazetteer

    gazetteers = {"default": Gazetteer.default()}
    if full is not None:
        gazetteers["full"] = Gazetteer.load(full)
        os.environ["STRIKEMAP_GAZETTEER"] = str(full.resolve())  # load_gazetteer() in workers picks it up
    else:
        os.environ.pop("STRIKEMAP_GAZETTEER", None)

    figures: list[Figure] = []
    name_counts: dict[str, dict[str, int]] = {}
    if "load" not in args.skip:
        for label in gazetteers:
            log(f"load: {label} gazetteer, {mode.runs} fresh processes")
            figures += bench_load(label, None if label == "default" else full, mode)
    if "resolve" not in args.skip:
        for label, gaz in gazetteers.items():
            log(f"resolve: {label} gazetteer")
            figs, name_counts[label] = bench_resolve(label, gaz, mode)
            figures += figs
    texts = corpus.make_corpus(mode.corpus)
    if "articles" not in args.skip:
        log(f"articles: {len(texts)} generated reports, {mode.runs} runs, {primary} gazetteer")
        figs, more = bench_articles(texts, primary, mode)
        figures += figs
        notes += more
    short = corpus.make_short_corpus(mode.corpus * 3)
    if "articles" not in args.skip:
        log(f"short reports: {len(short)} generated reports of about 95 words, events and flashgeotext")
        figs, more = bench_short(short, full, primary, mode)
        figures += figs
        notes += more
    if "accuracy" not in args.skip:
        figs, more = bench_accuracy(full, mode)
        figures += figs
        notes += more
    if "peer" not in args.skip:
        log("peer: flashgeotext")
        figs, more = bench_peer(texts, full, mode)
        figures += figs
        notes += more
        ours = next((f for f in figures if f.name == "geocode.articles_per_s"), None)
        for peer in [f for f in figs if f.name.endswith("articles_per_s")]:
            if ours and ours.runs and peer.runs:
                ratio = Figure(f"ratio.geocode_vs_{peer.name.split('.')[1]}",
                               f"strikemap geocode / {peer.label}", "x", better="higher")
                ratio.runs = [o / p for o, p in zip(ours.runs, peer.runs, strict=True)]
                figures.append(ratio)
    if "cli" not in args.skip:
        log("cli: start-up")
        figures += bench_cli(full, mode)
    if "maps" not in args.skip:
        log(f"maps: {', '.join(map(str, mode.map_sizes))} events")
        figs, more = bench_maps(mode)
        figures += figs
        notes += more

    by_name = {f.name: f for f in figures}
    checked = [t.check(by_name) for t in targets(primary)
               if not (t.figure == "geocode.speedup_jobs2" and "events.speedup_jobs2" in by_name)]
    command = "python bench/run.py" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    mach = machine.describe()
    result = {
        "schema": SCHEMA,
        "command": command,
        "mode": mode.name,
        "runs_per_figure": mode.runs,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
        "machine": mach,
        "gazetteers": {
            label: {"path": str(g.path) if g.path else None, "places": len(g), "name": g.header.get("name"),
                    "names": name_counts.get(label)}
            for label, g in gazetteers.items()
        },
        "primary_gazetteer": primary,
        "corpus": corpus.corpus_info(texts),
        "figures": [f.to_dict() for f in figures],
        "targets": checked,
        "notes": notes,
    }
    out = args.out or RESULTS / ("smoke.json" if mode.name == "smoke" else "latest.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=1, ensure_ascii=False) + "\n"
    with tempfile.NamedTemporaryFile("w", dir=out.parent, delete=False, encoding="utf-8", suffix=".part") as fh:
        fh.write(text)
    os.replace(fh.name, out)
    if args.out is None and mode.name != "smoke":
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        (RESULTS / f"{mode.name}-{stamp}.json").write_text(text, encoding="utf-8")

    print(f"strikemap benchmarks ({mode.name}; each figure the median of {mode.runs} runs)")
    print(f"machine: {machine.one_line(mach)}")
    print(f"corpus: {result['corpus']}")
    gaz_line = ", ".join(f"{k} {v['places']} places" for k, v in result["gazetteers"].items())
    print(f"gazetteers: {gaz_line}")
    print()
    print(table(figures, checked))
    print()
    for c in checked:
        state = "MET" if c["met"] else "NOT MET" if c["met"] is False else "not measured"
        print(f"  [{state}] {c['name']}: {_fmt(c['value'])} {c['unit']}" + (f" ({c['note']})" if c["note"] else ""))
    for note in notes:
        print(f"note: {note}")
    print(f"\nwrote {out} in {result['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
