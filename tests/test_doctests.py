"""The examples in the package's docstrings run and print what they say."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

import strikemap

PACKAGE = Path(strikemap.__file__).parent
WITH_EXAMPLES = sorted(".".join(p.relative_to(PACKAGE).with_suffix("").parts) for p in PACKAGE.rglob("*.py")
                       if ">>> " in p.read_text(encoding="utf-8"))


def test_the_package_has_examples() -> None:
    assert len(WITH_EXAMPLES) >= 5
    assert "api" in WITH_EXAMPLES and any("." in m for m in WITH_EXAMPLES)  # package modules too


@pytest.mark.parametrize("module", WITH_EXAMPLES)
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(f"strikemap.{module}"), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) of strikemap.{module} failed (see above)"
