"""``python -m strikemap``: the same as the ``strikemap`` command."""

from .cli import main

main()
