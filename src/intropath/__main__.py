"""``python -m intropath``: the same command line as ``intropath``."""

from .cli import run

run()
