"""Small file-system helpers shared by graph files, imports and the ask log."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISFIFO, "is a named pipe (FIFO)"),
    (stat.S_ISSOCK, "is a socket"),
    (stat.S_ISCHR, "is a character device"),
    (stat.S_ISBLK, "is a block device"),
)


def not_a_file(path: Path) -> str | None:
    """What ``path`` is when it exists but is neither a regular file nor a folder.

    Reading a named pipe would block until something writes to it; callers
    say what it is instead.

    >>> not_a_file(Path("/dev/null"))
    'is a character device'
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return next((what for test, what in _KINDS if test(mode)), None)


def private_dir(path: Path) -> None:
    """Create folder ``path`` (and its parents) readable by the user only.

    Only folders created here get mode 0700; an existing folder is left as the
    user set it.
    """
    if path.is_dir():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    os.chmod(path, 0o700)  # mkdir's mode is masked by the umask; 0700 is what we mean
