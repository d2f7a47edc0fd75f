"""Which links may reach a page: http(s) only, with a host, nothing that hides what it points at."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\\\"'<>`]")


def link_problem(url: str) -> str | None:
    """Say what is wrong with a link, or None when it is a safe http(s) address."""
    if _UNSAFE.search(url):
        return "contains spaces, quotes, backslashes or control characters"
    if unicodedata.normalize("NFKC", url) != url:
        return "contains characters that change under Unicode normalisation"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "has an invalid host or port"
    if parts.scheme not in ("http", "https"):
        return "must start with http:// or https://"
    if not parts.hostname:
        return "has no host"
    if parts.username is not None or parts.password is not None:
        return "must not contain a user name or password"
    if port == 0:
        return "has an invalid port"
    return None


def is_safe_link(url: str) -> bool:
    """True when ``url`` may be emitted as a link."""
    return link_problem(url) is None
