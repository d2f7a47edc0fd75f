"""Which links may reach a page: http(s) only, with a host, nothing that hides what it points at."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

# Whitespace, control characters, backslashes and the characters that end an HTML attribute.
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u2060"
                     r"\u2066-\u2069\u3000\ufeff\\\"'<>`]")


@lru_cache(maxsize=1 << 16)
def link_problem(url: str) -> str | None:
    """Say what is wrong with a link, or None when it is a safe http(s) address."""
    if _UNSAFE.search(url):
        return "contains whitespace, quotes, backslashes or invisible characters"
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
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "must not contain a user name or password"
    if port == 0:
        return "has an invalid port"
    if _ascii_host(parts.hostname) is None:
        return "has a host name that is not a valid internationalised domain name"
    return None


_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_HOST = re.compile(rf"^(?:{_LABEL}\.)*{_LABEL}\.?$")


def _ascii_host(host: str) -> str | None:
    """The host as DNS sees it (punycode), or None if it is no valid host name or address."""
    if ":" in host:  # an IPv6 literal; urlsplit has already checked its brackets
        return host if re.fullmatch(r"[0-9a-f:.]+", host) else None
    try:
        ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return ascii_host if _HOST.fullmatch(ascii_host) else None


# An article's link is emitted beside each of its events, on pages, in exports and JSON-LD:
# checked once per address, not once per mention (a pure function of the string).
@lru_cache(maxsize=1 << 16)
def safe_href(url: str) -> str:
    """The link as emitted: the same address with a non-ASCII host in punycode, or "" if unsafe.

    Punycode shows readers what the browser will really connect to, so a look-alike host made of
    another script's letters cannot pass for a familiar one.
    """
    if link_problem(url) is not None:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host.isascii():
        return url
    netloc = str(_ascii_host(host)) + (f":{parts.port}" if parts.port is not None else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
