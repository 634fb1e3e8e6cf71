"""``python -m intropath``: the same command line as ``intropath``."""

from .cli import main

main()
