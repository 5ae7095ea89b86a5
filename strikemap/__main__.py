"""``python -m strikemap``: the same as the ``strikemap`` command."""

from .cli.root import main

main()
