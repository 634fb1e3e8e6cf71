"""How long work reports that it advances (the command line draws it as a bar)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]
"""``progress(phase, done, total)``, called as work advances; ``total`` 0 means not known."""
