"""What the benchmarks ran on: CPU model, cores, memory, Python, OS, and the libraries that matter."""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from pathlib import Path

PACKAGES = ("strikemap", "rapidfuzz", "pyahocorasick", "typer", "geopandas", "folium", "dask", "distributed",
            "flashgeotext")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def describe() -> dict[str, object]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": _usable_cores(),
        "memory_gib": _memory_gib(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "executable": sys.executable,
        "os": platform.platform(),
        "versions": versions,
    }


def one_line(machine: dict[str, object]) -> str:
    mem = f", {machine['memory_gib']} GiB" if machine.get("memory_gib") else ""
    return (
        f"{machine['cpu_model']}, {machine['cores']} cores ({machine['usable_cores']} usable){mem}; "
        f"Python {machine['python']}; {machine['os']}"
    )
