"""One normaliser for LinkedIn profile URLs, the identity key of a person.

Exports write the same profile as ``https://www.linkedin.com/in/Slug/``,
``https://linkedin.com/in/slug``, ``www.linkedin.com/in/slug`` (endorsements
have no scheme), country subdomains (``uk.linkedin.com``) and with tracking
query strings. All of them reduce to ``https://www.linkedin.com/in/slug``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote

_PROFILE = re.compile(
    r"^(?:https?://)?(?:[a-z]{2,3}\.|www\.|m\.)?linkedin\.com/(in|pub)/([^?#]+)", re.IGNORECASE
)


@lru_cache(maxsize=1 << 16)
def profile_key(url: str | None) -> str | None:
    """The canonical form of a LinkedIn profile URL, or None if it is not one.

    >>> profile_key("https://www.linkedin.com/in/Dana-Reyes/")
    'https://www.linkedin.com/in/dana-reyes'
    >>> profile_key("www.linkedin.com/in/dana-reyes?trk=abc")
    'https://www.linkedin.com/in/dana-reyes'
    >>> profile_key("https://example.com/dana") is None
    True
    """
    if not url:
        return None
    match = _PROFILE.match(url.strip())
    if match is None:
        return None
    kind, path = match.groups()
    path = unquote(path).strip().strip("/").casefold()
    if not path or any(ch.isspace() for ch in path):
        return None
    return f"https://www.linkedin.com/{kind.lower()}/{path}"


def split_urls(text: str) -> list[str]:
    """Profile keys in a cell that lists several URLs (group threads)."""
    keys = (profile_key(part) for part in re.split(r"[,\s]+", text) if part)
    return [key for key in keys if key is not None]
