"""Running a per-document function over many documents: in this process, on local cores, or on Dask.

``map_documents(func, documents, jobs=..., engine=...)`` returns ``[func(d) for d in documents]``,
in the same order, whichever engine runs it, so callers gather, deduplicate and write exactly as
they would after a plain loop.

``engine="local"``
    ``jobs=1`` runs in this process. ``jobs=N`` uses a ``concurrent.futures.ProcessPoolExecutor``
    of N processes fed in chunks (a few per worker, so that a slow report does not idle the
    others). On Linux the workers are forked when this process runs a single thread, so a
    gazetteer already loaded here is shared for free; otherwise they start from a fork server.
``engine="dask"``
    ``dask.bag.from_sequence(documents).map(func)`` computed on a ``distributed`` cluster: the
    scheduler at ``scheduler`` (``tcp://host:8786``), or a ``LocalCluster`` of ``jobs`` worker
    processes on 127.0.0.1 when no address is given. dask is imported only here, and only then.

``func`` and the documents cross process boundaries by pickling (Dask uses cloudpickle), so
``func`` should be a top-level function, or a ``functools.partial`` of one, that loads heavy state
itself (``load_gazetteer(path)`` is cached once per process) rather than carrying it: whatever
``func`` holds is pickled again for every chunk.

Examples
--------
>>> from strikemap.parallel import map_documents
>>> map_documents(len, ["Idlib", "Hama"])
[5, 4]
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import pickle
import socket
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from .errors import InputError, NetworkError, NotFoundError, StrikemapError

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")
# Chunks per worker: enough to even out slow reports, few enough that pickling stays cheap.
CHUNKS_PER_WORKER = 4
# How long to wait for a Dask scheduler before calling it unreachable.
CONNECT_TIMEOUT_S = 10
# The scheduler serves HTTP (health, metrics) even without a dashboard, on 8787 unless told: a
# second cluster on the machine then warns. Any free port on loopback, no dashboard.
NO_DASHBOARD: dict[str, Any] = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}
SCALE_HINT = "pip install 'strikemap[scale]'"


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where known)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def map_documents(
    func: Callable[[T], R],
    documents: Iterable[T],
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> list[R]:
    """``[func(d) for d in documents]``, run on ``jobs`` processes or on a Dask cluster, order kept.

    Parameters
    ----------
    func
        The per-document function; a top-level function (or a ``functools.partial`` of one) so that
        worker processes can unpickle it.
    documents
        The inputs, any picklable values (e.g. ``inputs.Document``).
    jobs
        Worker processes: 1 runs here, 0 means one per available core. With ``engine="dask"`` and
        no ``scheduler``, the size of the local cluster.
    engine
        ``"local"`` (processes on this machine) or ``"dask"`` (a Dask distributed cluster).
    scheduler
        Address of a running Dask scheduler (``tcp://10.0.0.5:8786``); only with ``engine="dask"``.

    Returns
    -------
    list
        One result per document, in the documents' order. An exception raised by ``func`` is
        raised here, unchanged.

    Raises
    ------
    InputError
        An unknown engine, a negative ``jobs``, a ``scheduler`` without the dask engine, or a
        ``func`` that cannot be sent to worker processes.
    NotFoundError
        ``engine="dask"`` but dask or distributed is not installed.
    NetworkError
        The Dask scheduler at ``scheduler`` cannot be reached.
    """
    if engine not in ENGINES:
        raise InputError(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise InputError(f"jobs must be a whole number >= 0 (0: one per core), got {jobs!r}")
    if scheduler is not None and engine != "dask":
        raise InputError(f"a scheduler address ({scheduler}) needs engine 'dask' (--engine dask)")
    workers = jobs or available_cores()
    docs: Sequence[T] = documents if isinstance(documents, (list, tuple)) else list(documents)
    if engine == "dask":
        return _map_dask(func, docs, workers=workers, scheduler=scheduler)
    if workers == 1 or len(docs) <= 1:
        return [func(doc) for doc in docs]
    return _map_processes(func, docs, workers=min(workers, len(docs)))


def chunk_size(n_documents: int, workers: int) -> int:
    """Documents per chunk sent to a worker: about ``CHUNKS_PER_WORKER`` chunks per worker."""
    return max(1, math.ceil(n_documents / (workers * CHUNKS_PER_WORKER)))


def _check_picklable(func: Callable[..., Any]) -> None:
    try:
        pickle.dumps(func)
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        name = getattr(func, "__qualname__", repr(func))
        raise InputError(
            f"{name} cannot be sent to worker processes ({exc}); use a top-level function or "
            "functools.partial of one, or jobs=1"
        ) from exc


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork shares what this process has loaded (the gazetteer, the name automaton) at no cost, but
    # forking a process that runs threads can deadlock: then start workers from a fork server.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _map_processes(func: Callable[[T], R], docs: Sequence[T], *, workers: int) -> list[R]:
    _check_picklable(func)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context()) as pool:
            return list(pool.map(func, docs, chunksize=chunk_size(len(docs), workers)))
    except BrokenProcessPool as exc:
        raise StrikemapError(
            f"a worker process died before finishing ({exc}); it may have run out of memory: "
            "retry with fewer jobs (--jobs) or smaller inputs"
        ) from exc


def _import_dask() -> tuple[Any, Any]:
    try:
        import dask.bag as dask_bag
        import distributed
    except ImportError as exc:
        missing = exc.name or "dask"
        raise NotFoundError(f"the dask engine needs dask and distributed ({missing} is missing): {SCALE_HINT}") from exc
    return dask_bag, distributed


def _map_dask(func: Callable[[T], R], docs: Sequence[T], *, workers: int, scheduler: str | None) -> list[R]:
    dask_bag, distributed = _import_dask()
    if not docs:
        return []
    with _dask_client(distributed, workers=workers, scheduler=scheduler) as client:
        slots = sum(client.nthreads().values()) or workers
        partitions = min(len(docs), slots * CHUNKS_PER_WORKER)
        bag = dask_bag.from_sequence(docs, npartitions=partitions).map(func)
        results: list[R] = bag.compute(scheduler=client)
        return results


@contextlib.contextmanager
def _dask_client(distributed: Any, *, workers: int, scheduler: str | None) -> Iterator[Any]:
    """A ``distributed.Client`` on ``scheduler``, or on a private ``LocalCluster``; closed on exit."""
    if scheduler is None:
        with (
            distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                scheduler_kwargs=NO_DASHBOARD,
            ) as cluster,
            distributed.Client(cluster, set_as_default=False) as client,
        ):
            yield client
        return
    _check_reachable(scheduler)
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise _unreachable(scheduler, exc) from exc
    with client:
        yield client


def _check_reachable(address: str) -> None:
    """Fail fast, with one line, on a malformed address or a closed port (before distributed retries)."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        if scheme not in ("tcp", "tls"):
            return
        host, port = parse_host_port(location)
    except ValueError as exc:
        raise InputError(
            f"not a Dask scheduler address: {address!r} ({exc}); give one like tcp://127.0.0.1:8786"
        ) from exc
    try:
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise _unreachable(address, exc) from exc


def _unreachable(address: str, exc: BaseException) -> NetworkError:
    return NetworkError(
        f"cannot reach the Dask scheduler at {address} ({exc}); "
        "start one with 'dask scheduler' or leave --scheduler out to use a local cluster"
    )
