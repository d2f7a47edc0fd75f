"""Hostile strings, grouped by the family of attack they stand for.

Every payload that could run script names ``annalsXSS`` in it, so that a scan of the built site
can tell content from the theme's own scripts.
"""

from __future__ import annotations

MARKER = "annalsXSS"

RAW_HTML = [
    f'<script>alert("{MARKER}")</script>',
    f"<img src=x onerror=alert('{MARKER}')>",
    f"<svg/onload=alert('{MARKER}')>",
    f'<a href="javascript:alert(\'{MARKER}\')">click</a>',
    f"<iframe srcdoc=\"<script>alert('{MARKER}')</script>\"></iframe>",
    f'"><script>alert("{MARKER}")</script>',
    f"' onmouseover='alert(\"{MARKER}\")' x='",
]
MARKDOWN_LINKS = [
    f"[click](javascript:alert('{MARKER}'))",
    f"[click](JaVaScRiPt:alert('{MARKER}'))",
    f"[click](&#106;avascript:alert('{MARKER}'))",
    f"[click](&#x6A;avascript&colon;alert('{MARKER}'))",
    f"[click](java\tscript:alert('{MARKER}'))",
    f"[click]( javascript:alert('{MARKER}'))",
    f"[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgnYW5uYWxzWFNTJyk8L3NjcmlwdD4={MARKER})",
    f"<javascript:alert('{MARKER}')>",
    f"[click][evil]\n\n[evil]: javascript:alert('{MARKER}')",
    f"![img](javascript:alert('{MARKER}'))",
]
ATTRIBUTE_LISTS = [
    f'{{: onclick="alert(\'{MARKER}\')" }}',
    f"text {{ onclick=alert('{MARKER}') }}",
    f"## Heading {{ #evil onclick=\"alert('{MARKER}')\" }}",
]
BLOCK_SYNTAX = [
    f'!!! danger "{MARKER}"\n    admonition body',
    f"# {MARKER} heading",
    f"{MARKER}\n=======",
    f"> quoted {MARKER}",
    f"- list {MARKER}\n- item",
    f"| a | b |\n|---|---|\n| {MARKER} | x |",
]
TEMPLATES_AND_INCLUDES = [
    '--8<-- "secret.txt"',
    '--8<-- "/etc/hostname"',
    ";--8<-- \"secret.txt\"",
    "{{ config.site_name }} {{ 7*7 }}",
    "{% include 'secret.txt' %}",
    "${7*7} <%= 7*7 %>",
]
# Opened in one entry, closed in a later one: the entries between must stay visible.
OPENERS = ["<!--", "```", "<div style=\"display:none\">", "<textarea>", "<style>", "<noscript>",
           "<plaintext>", "<title>", "<template>", "<xmp>", "<![CDATA["]
CLOSERS = ["-->", "```", "</div>", "</textarea>", "</style>", "</noscript>", "</plaintext>",
           "</title>", "</template>", "</xmp>", "]]>"]
PLAIN_TEXT = [
    "Stars *and* _underscores_ and __double__ and **bold** stay as typed",
    "Less < than, greater > than, ampersand & and &amp; and &lt;b&gt;",
    "Quotes: \"double\", 'single', “curly” and ‘curly’, `backticks`",
    "中国外交部发言人洪磊表示 — 한국 사드 배치 — ミサイル防衛",
    "Emoji: 🚀🇰🇷🇨🇳 👍🏽 family 👨‍👩‍👧",
    "עברית: מערכת הגנה מפני טילים",
    "العربية: نظام ثاد للدفاع الصاروخي",
    "Backslash \\ and pipe | and tilde ~ and caret ^ and hash # and colon :",
]

FAMILIES: dict[str, list[str]] = {
    "raw-html": RAW_HTML,
    "markdown-links": MARKDOWN_LINKS,
    "attribute-lists": ATTRIBUTE_LISTS,
    "block-syntax": BLOCK_SYNTAX,
    "templates-and-includes": TEMPLATES_AND_INCLUDES,
    "openers": OPENERS,
    "closers": CLOSERS,
    "plain-text": PLAIN_TEXT,
}
ALL = [payload for payloads in FAMILIES.values() for payload in payloads]
