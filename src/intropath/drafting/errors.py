"""Errors raised while drafting a message.

IntropathError
├── ConfigError
│   └── ProfileError    your name, email, purpose... are missing or invalid
└── DraftError          the draft asked for does not fit the path (or a template is broken)
"""

from __future__ import annotations

from ..errors import ConfigError, IntropathError


class DraftError(IntropathError):
    """A draft that cannot be written: wrong kind for the path, no such path, bad template."""


class ProfileError(ConfigError):
    """Something about the user (name, email, purpose, ...) is missing or invalid."""
