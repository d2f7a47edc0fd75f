"""Under ``mkdocs serve``: a hostile edit is reported, the server keeps running, a fix restores."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.conftest import ARTICLE, ARTICLE_PATH
from tests.test_serve import NEW_EVENT, server  # noqa: F401 - the fixture is used by name

if TYPE_CHECKING:
    from pathlib import Path

    from tests.test_serve import Server

pytestmark = pytest.mark.serve

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"


def test_alias_bomb_and_symlink_are_reported_and_the_server_survives(
        server: tuple[Server, Path]) -> None:  # noqa: F811
    running, content = server
    bomb = content / "topics" / "bomb.yml"
    bomb.write_text(ALIAS_BOMB, encoding="utf-8")
    link = content / "topics" / "passwd.yml"
    link.symlink_to("/etc/passwd")
    running.wait_for(lambda: "bomb.yml:2:8: error: YAML aliases" in running.log()
                     and "passwd.yml:0:0: error: symbolic links are not followed" in running.log(),
                     "both diagnostics in the log")
    assert 'id="2015-02-05-china-urges-us"' in running.get("topics/thaad/")
    assert "root:" not in running.get("topics/thaad/")
    bomb.unlink()
    link.unlink()
    (content / ARTICLE_PATH).write_text(ARTICLE + NEW_EVENT, encoding="utf-8")
    running.wait_for(lambda: 'id="2015-02-06-a-new-event"' in running.get("topics/thaad/"),
                     "the fixed site")
    assert "Traceback" not in running.log()


def test_script_in_an_edit_is_shown_as_text(server: tuple[Server, Path]) -> None:  # noqa: F811
    running, content = server
    hostile = ARTICLE + NEW_EVENT.replace("A new event appears",
                                          "<script>alert('annalsXSS')</script>")
    (content / ARTICLE_PATH).write_text(hostile, encoding="utf-8")
    running.wait_for(lambda: 'id="2015-02-06-a-new-event"' in running.get("topics/thaad/"),
                     "the edit to show")
    page = running.get("topics/thaad/")
    assert "<script>alert('annalsXSS')" not in page
    assert "&#60;script&#62;alert(&#39;annalsXSS&#39;)" in page
