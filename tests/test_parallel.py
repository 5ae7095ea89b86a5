"""map_documents: the same results, in the same order, on one process, local cores, or a Dask cluster."""

from __future__ import annotations

import functools
import socket
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from strikemap.errors import InputError, NetworkError, NotFoundError
from strikemap.gazetteer.lookup import load_gazetteer
from strikemap.models import Mention
from strikemap.parallel import NO_DASHBOARD, chunk_size, map_documents
from strikemap.pipeline import run_document
from strikemap.resolver import resolve, resolve_mentions
from strikemap.toponyms import find_spans

REPORTS = [
    "Russian jets struck Maarat al-Numan and Kafranbel in southern Idlib on Tuesday, killing five civilians.",
    "Shelling hit Jisr al-Shughur and Kafr Nabl near Saraqeb, the White Helmets said.",
    "IDLIB, Syria (Wire) - Barrel bombs fell on Khan Shaykhun overnight; no casualties were reported.",
    "Drone strikes on Ariha and Sarmin wounded three people, according to local activists.",
    "No place is named in this sentence at all.",
    "Government forces shelled villages in the Jabal al-Zawiya area and northern Hama countryside.",
    "Artillery fire struck Atarib in western Aleppo, and a market in Darat Izza was hit.",
    "A missile hit Maaret al-Numan (معرة النعمان) on Friday.",
]
NAMES = ["Jisr Al-Shqour", "Kafranbel", "Maarat al-Numan", "Saraqib", "Idlib", "Kafranbelx", "Nowhere-at-all", "Ariha"]


def geocode(text: str) -> list[Mention]:
    """Per-document work as the pipeline does it: find spans, resolve them with the article's context."""
    gaz = load_gazetteer()
    return resolve_mentions(text, find_spans(text, gaz), gaz)


def best_place(name: str, *, limit: int = 3) -> list[str]:
    return [m.place.place_id for m in resolve(name, limit=limit)]


def tag(text: str) -> tuple[int, str]:
    return len(text), text[:12]


def fail_on_hama(text: str) -> int:
    if "Hama" in text:
        raise ValueError("no Hama here")
    return len(text)


def _many_reports(n: int) -> list[str]:
    return [f"{REPORTS[i % len(REPORTS)]} Report {i}." for i in range(n)]


# -- the local engine -------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2, 0])
def test_local_engine_matches_a_plain_loop_in_order(jobs: int) -> None:
    docs = _many_reports(40)
    expected = [geocode(d) for d in docs]
    assert any(expected) and all(isinstance(m, Mention) for ms in expected for m in ms)
    assert map_documents(geocode, docs, jobs=jobs) == expected


def test_local_engine_takes_partials_and_iterators() -> None:
    func = functools.partial(best_place, limit=1)
    expected = [best_place(n, limit=1) for n in NAMES]
    assert map_documents(func, iter(NAMES), jobs=2) == expected
    assert expected[0] and expected[-2] == []  # a found name and a name that is nowhere


def test_local_engine_keeps_order_across_many_chunks() -> None:
    docs = [str(i) * (i % 7 + 1) for i in range(1000)]
    assert map_documents(tag, docs, jobs=2) == [tag(d) for d in docs]


@pytest.mark.parametrize("docs", [[], ["only one"]])
def test_empty_and_single_inputs(docs: list[str]) -> None:
    assert map_documents(tag, docs, jobs=2) == [tag(d) for d in docs]


def test_an_error_in_the_function_is_raised_unchanged() -> None:
    with pytest.raises(ValueError, match="no Hama here"):
        map_documents(fail_on_hama, REPORTS, jobs=2)


def test_a_function_workers_cannot_unpickle_is_refused_in_one_line() -> None:
    with pytest.raises(InputError, match="top-level function") as info:
        map_documents(lambda text: len(text), REPORTS, jobs=2)
    assert "\n" not in str(info.value)


def test_a_lambda_is_fine_in_this_process() -> None:
    assert map_documents(lambda text: len(text), REPORTS, jobs=1) == [len(r) for r in REPORTS]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"engine": "spark"}, "engine must be one of local, dask"),
        ({"jobs": -1}, "jobs must be a whole number"),
        ({"jobs": 1.5}, "jobs must be a whole number"),
        ({"scheduler": "tcp://127.0.0.1:8786"}, "needs engine 'dask'"),
    ],
)
def test_bad_arguments_say_what_was_expected(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        map_documents(tag, REPORTS, **kwargs)


def test_chunks_are_a_few_per_worker() -> None:
    assert chunk_size(10_000, 2) == 1250
    assert chunk_size(3, 8) == 1


# -- the pipeline's per-document unit ----------------------------------------------------------


def _pipeline_unit() -> Any:
    return functools.partial(run_document, events=True, pub_date="2019-05-07")


def _pairs(n: int) -> list[tuple[str, str]]:
    return [(f"report-{i}.txt", text) for i, text in enumerate(_many_reports(n))]


def test_pipeline_unit_on_local_processes_matches_one_process() -> None:
    func = _pipeline_unit()
    docs = _pairs(24)
    expected = [func(d) for d in docs]
    assert any(r.events for r in expected)
    assert map_documents(func, docs, jobs=2) == expected


# -- the dask engine --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    import distributed  # a test dependency: missing is a failure
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs=NO_DASHBOARD,  # its HTTP server on a free port, not 8787
    ) as local:
        yield local


def test_dask_engine_matches_the_single_process_run_in_order(cluster: Any) -> None:
    docs = _many_reports(60)
    expected = map_documents(geocode, docs, jobs=1)
    got = map_documents(geocode, docs, engine="dask", scheduler=cluster.scheduler_address)
    assert got == expected


def test_dask_engine_resolves_names_like_one_process(cluster: Any) -> None:
    func = functools.partial(best_place, limit=2)
    expected = [func(n) for n in NAMES]
    assert map_documents(func, NAMES, engine="dask", scheduler=cluster.scheduler_address) == expected


def test_dask_engine_runs_the_pipeline_unit_like_one_process(cluster: Any) -> None:
    func = _pipeline_unit()
    docs = _pairs(24)
    expected = [func(d) for d in docs]
    got = map_documents(func, docs, engine="dask", scheduler=cluster.scheduler_address)
    assert got == expected
    assert [r.source for r in got] == [source for source, _ in docs]


def test_dask_engine_raises_the_function_error(cluster: Any) -> None:
    with pytest.raises(ValueError, match="no Hama here"):
        map_documents(fail_on_hama, REPORTS, engine="dask", scheduler=cluster.scheduler_address)


def test_dask_engine_without_address_starts_its_own_local_cluster() -> None:
    docs = _many_reports(12)
    assert map_documents(tag, docs, jobs=2, engine="dask") == [tag(d) for d in docs]


def test_dask_engine_empty_input() -> None:
    assert map_documents(tag, [], engine="dask", scheduler="tcp://127.0.0.1:1") == []


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_unreachable_scheduler_is_one_network_error() -> None:
    address = f"tcp://127.0.0.1:{_closed_port()}"
    with pytest.raises(NetworkError, match="cannot reach the Dask scheduler") as info:
        map_documents(tag, REPORTS, engine="dask", scheduler=address)
    assert address in str(info.value) and "\n" not in str(info.value)


def test_malformed_scheduler_address_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a Dask scheduler address"):
        map_documents(tag, REPORTS, engine="dask", scheduler="no-port-here")


@pytest.mark.parametrize("module", ["dask.bag", "distributed"])
def test_missing_dask_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import of it now raises ImportError
    with pytest.raises(NotFoundError, match=r"pip install 'strikemap\[scale\]'"):
        map_documents(tag, REPORTS, engine="dask")


def test_the_local_engine_never_imports_dask() -> None:
    import subprocess

    code = (
        "import sys\nfrom strikemap.parallel import map_documents\n"
        "assert map_documents(len, ['a', 'bb'], jobs=1) == [1, 2]\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert proc.stdout.strip() == "[]"
