"""Logging for the command line: ``-v``/``-q`` set the levels of intropath and the Neo4j driver.

The library only logs (through the ``intropath`` logger, which has a
NullHandler); the command line decides what reaches stderr. Records are
printed as plain text with control characters escaped, since they may carry
names and paths from the user's files.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from ..terminal import escaped

# verbosity -> (intropath level, neo4j driver level); -q is -1, the default 0.
LEVELS = {
    -1: (logging.ERROR, logging.CRITICAL),
    0: (logging.WARNING, logging.CRITICAL),
    1: (logging.INFO, logging.WARNING),
    2: (logging.DEBUG, logging.INFO),
    3: (logging.DEBUG, logging.DEBUG),
}


class PlainFormatter(logging.Formatter):
    """``level name: message``, with control characters shown as ``\\xNN`` escapes."""

    def __init__(self) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return escaped(text)


class _Stderr(logging.StreamHandler[TextIO]):
    """Writes to whatever ``sys.stderr`` is when a record comes (test runners swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


_handler = _Stderr()
_handler.setFormatter(PlainFormatter())


def configure_logging(verbosity: int) -> None:
    """Send intropath's and the driver's records at the levels ``verbosity`` asks for to stderr.

    Connection failures the driver logs are reported as one error line anyway,
    so the driver stays silent unless ``-v`` is given.
    """
    ours, driver = LEVELS[max(-1, min(3, verbosity))]
    for name, level in (("intropath", ours), ("neo4j", driver)):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        if _handler not in logger.handlers:
            logger.addHandler(_handler)
