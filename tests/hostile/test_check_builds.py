"""Whatever the check accepts, the build builds: any text the check lets through is written by
every writer (pages, Atom through lxml, JSON Feed, JSON, CSV, iCalendar, TimelineJS)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.diagnostics import has_errors
from generator.exports import render_exports
from generator.pipeline import build
from tests.conftest import ACTOR, ARTICLE, ARTICLE_PATH, TAGS, TOPIC

# Any code point, surrogates and noncharacters included, and more often the characters that
# writers choke on or that show nothing: the check decides.
TROUBLE = ["\ufffe", "\uffff", "\U0010ffff", "\x0b", "\x0c", "\x85", "\ud800", "\u2028",
           "\u2029", "\u200b", "\u3164", "\u2800", "\ufeff", "\x7f", "\t", "\n", "\r", " ",
           "&", "<", ">", "]", "=", "@", "\\", '"']
ANY_TEXT = st.text(st.one_of(st.characters(min_codepoint=0, max_codepoint=0x10FFFF),
                             st.sampled_from(TROUBLE), st.characters(codec="ascii")),
                   min_size=1, max_size=30)


def yaml_escaped(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text`` (every character escaped)."""
    return '"' + "".join(f"\\U{ord(c):08X}" for c in text) + '"'


def write(root: Path, title: str, summary: str, place: str) -> None:
    for relative, text in (("tags.yml", TAGS), ("topics/thaad.yml", TOPIC),
                           ("actors/hong-lei.yml", ACTOR)):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    article = (ARTICLE.replace("title: China urges the US not to deploy THAAD",
                               f"title: {yaml_escaped(title)}")
               .replace("summary: Hong Lei speaks in Beijing.",
                        f"summary: {yaml_escaped(summary)}")
               .replace("    tags: [diplomacy]\n",
                        f"    tags: [diplomacy]\n    places: [{yaml_escaped(place)}]\n"))
    (root / ARTICLE_PATH).parent.mkdir(parents=True, exist_ok=True)
    (root / ARTICLE_PATH).write_text(article, encoding="utf-8")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT, ANY_TEXT, ANY_TEXT)
# The characters that once passed the check and failed a writer: always tried.
@example("THAAD \ufffe", "S", "P")
@example("T", "S \uffff", "P")
@example("T", "S", "P \U0010ffff")
def test_text_the_check_accepts_every_writer_writes(title: str, summary: str,
                                                    place: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        write(root, title, summary, place)
        result = build(root)
        if has_errors(result.diagnostics):
            # Refused: at a position in the file, never without one.
            assert all(d.line > 0 and d.column > 0 for d in result.diagnostics)
            return
        files = render_exports(result.corpus, base_url="https://annals.example/")
        # The text as read: the reader keeps it, bar paragraph breaks, which it normalises.
        [event] = result.corpus.events
        assert event.title.replace("\n\n", "\n") == title.replace("\n\n", "\n")
        assert json.loads(files["exports/all.json"])["events"][0]["title"] == event.title
        for page in result.pages.values():
            assert page.body  # every page renders
