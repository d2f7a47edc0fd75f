"""The benchmark's reader-side measurements (``bench/readers.py``, ``bench/preview.py``): page
walks, event markup, the serve command from the Makefile, the page of an edit, the targets."""

from __future__ import annotations

import os
import textwrap
import urllib.error
from email.message import Message
from typing import TYPE_CHECKING, Any

import pytest

from bench.corpus import write_corpus
from bench.preview import (
    MakefileError,
    config_split_threshold,
    expand,
    make_variables,
    makefile_serve_command,
    serve_arguments,
    split_threshold,
    with_dev_addr,
)
from bench.readers import (
    annals_markup,
    compare_markup,
    floor_markup,
    largest_topic,
    page_file,
    page_url,
    site_mentions,
    topic_markup,
    walk_pages,
)
from bench.run import (
    ROOT,
    EditedPage,
    SizeResult,
    edit_summary,
    edited_event_id,
    markdown_report,
    page_of_edit,
    reader_targets,
    served_page_of_event,
    targets,
)
from generator.urls import DEFAULT_SPLIT

if TYPE_CHECKING:
    from pathlib import Path


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- the largest page -----------------------------------------------------------------------


def test_the_walk_finds_the_largest_page_and_counts_those_over_the_limit(tmp_path: Path) -> None:
    write(tmp_path / "index.html", b"x" * 10)
    write(tmp_path / "about" / "index.html", b"x" * 20)
    write(tmp_path / "topics" / "a" / "index.html", b"x" * 700)
    write(tmp_path / "topics" / "b" / "2016" / "index.html", b"x" * 600)
    write(tmp_path / "404.html", b"x" * 5)
    write(tmp_path / "search" / "search_index.json", b"x" * 5000)  # not a page
    found = walk_pages(tmp_path, limit=500, top=2)
    assert found["pages"] == 5
    assert found["largest_path"] == "topics/a/index.html"
    assert found["largest_url"] == "topics/a/"
    assert found["largest_bytes"] == 700
    assert found["over_limit"] == 2
    assert found["top"] == [["topics/a/index.html", 700], ["topics/b/2016/index.html", 600]]


def test_an_empty_site_has_no_largest_page(tmp_path: Path) -> None:
    found = walk_pages(tmp_path)
    assert found["pages"] == 0 and found["largest_path"] == "" and found["over_limit"] == 0


def test_page_files_and_urls_correspond() -> None:
    assert page_url("index.html") == ""
    assert page_url("topics/a/index.html") == "topics/a/"
    assert page_url("404.html") == "404.html"
    assert page_file("") == "index.html"
    assert page_file("topics/a/") == "topics/a/index.html"
    assert page_file("404.html") == "404.html"


# --- event markup ---------------------------------------------------------------------------

ANNALS_ONE = ('<article class="annals-event">\n<h3 id="e1">One</h3><p>Text é</p>\n'
              '<p class="actors"><a href="../../actors/china/">China</a> '
              '<a href="../../actors/japan/">Japan</a></p>\n</article>')
ANNALS_TWO = ('<article class="annals-event annals-event--highlight"><h3 id="e2">Two</h3>'
              '<p class="actors"><a href="../../actors/china/">China</a></p></article>')
ANNALS_PAGE = f"""<html><body><article class="md-content__inner md-typeset">
<h1>Topic</h1><form class="annals-filters"></form>
<h2 id="year_2016">2016</h2><div class="annals-year">
<p class="annals-month" id="month_2016-01">January 2016</p>
{ANNALS_ONE}
{ANNALS_TWO}
</div></article></body></html>"""

FLOOR_ONE = ('<h3 id="e1">One<a class="headerlink" href="#e1">&para;</a></h3>\n'
             '<p><em>1 January 2016</em> · China</p>\n<p>Text é</p>\n<ul>\n<li>a</li>\n</ul>')
FLOOR_TWO = '<h3 id="e2">Two</h3>\n<p>More</p>'
FLOOR_THREE = '<h3 id="e3">Three</h3>\n<blockquote>\n<p>Said</p>\n</blockquote>'
FLOOR_PAGE = f"""<html><body><header><h3 id="not-content">Header</h3></header>
<div class="md-content"><article class="md-content__inner md-typeset">
<h1>Topic</h1>
<p>Summary</p>
<h2 id="year_2016">2016</h2>
<p><strong>January 2016</strong></p>
{FLOOR_ONE}
<p><strong>March 2016</strong></p>
{FLOOR_TWO}
<h2 id="year_2017">2017</h2>
{FLOOR_THREE}

  \n</article></div><footer><h3 id="after">After</h3></footer></body></html>"""


def nbytes(text: str) -> int:
    return len(text.encode())


def test_annals_events_are_their_article_elements() -> None:
    found = annals_markup(ANNALS_PAGE.encode())
    assert found.events == 2
    assert found.bytes == nbytes(ANNALS_ONE) + nbytes(ANNALS_TWO)
    assert found.actors == {"china": 2, "japan": 1}


def test_floor_events_run_from_their_heading_to_the_next_heading_or_month_line() -> None:
    found = floor_markup(FLOOR_PAGE.encode())
    assert found.events == 3  # the headings outside the article content are not events
    assert found.bytes == nbytes(FLOOR_ONE) + nbytes(FLOOR_TWO) + nbytes(FLOOR_THREE)


def test_markup_per_event_is_compared_on_the_largest_topic(tmp_path: Path) -> None:
    annals, floor = tmp_path / "annals", tmp_path / "floor"
    # A split topic: an overview without events and two year pages; a smaller topic.
    write(annals / "topics" / "big" / "index.html", "<p>overview</p>")
    write(annals / "topics" / "big" / "2016" / "index.html", ANNALS_PAGE)
    write(annals / "topics" / "big" / "2017" / "index.html", ANNALS_PAGE)
    write(annals / "topics" / "small" / "index.html", ANNALS_ONE)
    write(annals / "topics" / "index.html", ANNALS_PAGE)  # not one topic's page
    write(floor / "topics" / "big" / "index.html", FLOOR_PAGE)
    mine = topic_markup(annals, annals_markup)
    theirs = topic_markup(floor, floor_markup)
    assert set(mine) == {"big", "small"}
    assert mine["big"]["events"] == 4 and mine["big"]["pages"] == 3
    assert mine["big"]["top_actor"] == "china" and mine["big"]["top_actor_events"] == 4
    assert largest_topic(mine) == "big"
    compared = compare_markup(mine, theirs)
    annals_per_event = (nbytes(ANNALS_ONE) + nbytes(ANNALS_TWO)) / 2
    floor_per_event = (nbytes(FLOOR_ONE) + nbytes(FLOOR_TWO) + nbytes(FLOOR_THREE)) / 3
    assert compared["topic"] == "big"
    assert compared["annals_events"] == 4 and compared["floor_events"] == 3
    assert compared["annals_per_event"] == round(annals_per_event, 1)
    assert compared["floor_per_event"] == round(floor_per_event, 1)
    assert compared["ratio"] == round(round(annals_per_event, 1) / round(floor_per_event, 1), 3)
    assert compare_markup({}, theirs) == {}
    assert "ratio" not in compare_markup(mine, {})


def test_a_flag_no_script_mentions_is_not_waited_for(tmp_path: Path) -> None:
    write(tmp_path / "javascripts" / "annals.js", "document.body.dataset.other = 1;")
    write(tmp_path / "index.html", "<p>no script</p>")
    assert not site_mentions(tmp_path, (b"annalsReady",), ("index.html",))
    write(tmp_path / "topics" / "t" / "index.html",
          "<script>document.documentElement.dataset.annalsReady = '1'</script>")
    assert site_mentions(tmp_path, (b"annalsReady",), ("topics/t/index.html",))
    write(tmp_path / "javascripts" / "annals.js", 'root.setAttribute("data-annals-ready", "1")')
    assert site_mentions(tmp_path, (b"annalsReady", b"data-annals-ready"))


# --- the serve command from the Makefile ----------------------------------------------------


def test_the_serve_command_is_the_repository_makefiles() -> None:
    arguments = serve_arguments((ROOT / "Makefile").read_text(encoding="utf-8"))
    assert arguments[0] == "serve"
    assert "--dev-addr" in arguments  # replaced below, never run as written
    command = makefile_serve_command(ROOT / "Makefile", "127.0.0.1:9999")
    assert command[command.index("--dev-addr") + 1] == "127.0.0.1:9999"
    assert command.count("--dev-addr") == 1
    assert [w for w in command if w != "127.0.0.1:9999"] == [
        w for w in arguments if not w.startswith("127.0.0.1:")]


MAKEFILE = """\
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLAGS = --watch-theme
FLAGS += --strict
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build

## serve: preview
serve: $(STAMP)
\t@echo "serving"
\t$(BIN)/mkdocs serve --dirty \\
\t    $(FLAGS) --dev-addr 127.0.0.1:8000

build: $(STAMP)
\t$(BIN)/mkdocs build --strict
"""


def test_the_makefile_is_read_as_make_would() -> None:
    variables = make_variables(MAKEFILE)
    assert variables["BIN"] == "$(VENV)/bin"
    assert variables["FLAGS"] == "--watch-theme --strict"
    assert variables["NO_MKDOCS_2_WARNING"] == "1"
    assert expand("$(BIN)/mkdocs ${VENV} $$HOME", variables) == ".venv/bin/mkdocs .venv $HOME"
    with pytest.raises(MakefileError):
        expand("$(UNKNOWN)", variables)
    assert serve_arguments(MAKEFILE) == ["serve", "--dirty", "--watch-theme", "--strict",
                                         "--dev-addr", "127.0.0.1:8000"]


def test_the_bench_follows_the_makefile_when_it_drops_dirty() -> None:
    plain = MAKEFILE.replace("serve --dirty", "serve")
    assert "--dirty" not in serve_arguments(plain)
    python_m = "serve:\n\t.venv/bin/python -m mkdocs serve -a 127.0.0.1:8000 && echo done\n"
    assert serve_arguments(python_m) == ["serve", "-a", "127.0.0.1:8000"]
    with pytest.raises(MakefileError):
        serve_arguments("build:\n\tmkdocs build\n")
    with pytest.raises(MakefileError):
        serve_arguments("serve:\n\tmkdocs build\n")


def test_only_the_address_is_replaced() -> None:
    address = "127.0.0.1:4321"
    assert with_dev_addr(["serve", "--dirty", "--dev-addr", "0.0.0.0:8000", "--strict"],
                         address) == ["serve", "--dirty", "--dev-addr", address, "--strict"]
    assert with_dev_addr(["serve", "--dev-addr=localhost:1"], address) == [
        "serve", "--dev-addr", address]
    assert with_dev_addr(["serve", "-a", "x:1"], address) == ["serve", "--dev-addr", address]
    assert with_dev_addr(["serve", "-ax:1"], address) == ["serve", "--dev-addr", address]
    assert with_dev_addr(["serve", "--dirty"], address) == [
        "serve", "--dirty", "--dev-addr", address]


def test_a_makefile_without_livereload_is_refused(tmp_path: Path) -> None:
    makefile = write(tmp_path / "Makefile", "serve:\n\tmkdocs serve --no-livereload\n")
    with pytest.raises(MakefileError, match="livereload"):
        makefile_serve_command(makefile, "127.0.0.1:1")


# --- the page of the edited event -------------------------------------------------------------


def test_the_split_threshold_comes_from_the_plugin_options(tmp_path: Path) -> None:
    assert split_threshold({}) == DEFAULT_SPLIT
    assert split_threshold({"plugins": ["search", "annals"]}) == DEFAULT_SPLIT
    assert split_threshold({"plugins": ["search", {"annals": {"content": "c"}}]}) == DEFAULT_SPLIT
    assert split_threshold({"plugins": [{"annals": {"split_threshold": 7}}]}) == 7
    assert split_threshold({"plugins": {"annals": {"split_threshold": 0}}}) == 0
    config = write(tmp_path / "mkdocs.yml", textwrap.dedent("""\
        site_url: !ENV ANNALS_SITE_URL
        plugins:
          - search
          - annals:
              content: content
              split_threshold: 40
        """))
    assert config_split_threshold(config) == 40
    assert config_split_threshold(ROOT / "mkdocs.yml") >= 0


def test_the_edited_event_is_the_one_whose_summary_is_edited(tmp_path: Path) -> None:
    written = write_corpus(tmp_path / "content", 40)
    for article in written.articles[:10]:
        path = tmp_path / "content" / article.path
        before = path.read_text(encoding="utf-8")
        event_id = edited_event_id(before)
        edit_summary(path, "Benchedit1")
        after = path.read_text(encoding="utf-8")
        item = after.split(f"  - id: {event_id}\n", 1)[1].split("\n  - ", 1)[0]
        assert "Benchedit1 " in item


def with_threshold(project: Path, threshold: int | None) -> None:
    plugin = "  - annals:\n      content: content\n"
    if threshold is not None:
        plugin += f"      split_threshold: {threshold}\n"
    write(project / "mkdocs.yml", f"site_name: Test\nplugins:\n  - search\n{plugin}")


def test_the_page_of_the_edit_follows_the_url_module(tmp_path: Path) -> None:
    written = write_corpus(tmp_path / "content", 60)
    probe = tmp_path / "content" / written.articles[0].path
    event_id = edited_event_id(probe.read_text(encoding="utf-8"))
    event = next(e for e in written.events if e.id == event_id)
    with_threshold(tmp_path, 0)  # never split
    edited = page_of_edit(tmp_path, probe)
    topic_page = f"topics/{event.topics[0]}/"
    assert edited == EditedPage(event_id, topic_page, 0, topic_page)
    with_threshold(tmp_path, 1)  # every topic split: the event is on its year's page
    edited = page_of_edit(tmp_path, probe)
    assert edited.threshold == 1 and edited.topic_page == topic_page
    assert edited.page.startswith(f"topics/{event.topics[0]}/{event.day.year:04d}/")
    assert "#" not in edited.page


def test_the_topic_page_is_checked_while_split_pages_are_not_built() -> None:
    served = {"topics/t/": '<h3 id="e1">', "topics/t/2016/": '<h3 id="e2">'}

    def get(path: str) -> str:
        if path not in served:
            raise urllib.error.HTTPError(path, 404, "Not Found", Message(), None)
        return served[path]

    assert served_page_of_event(get, "topics/t/2016/", "e2", "topics/t/") == ("topics/t/2016/", "")
    page, note = served_page_of_event(get, "topics/t/2017/", "e1", "topics/t/")
    assert page == "topics/t/" and "HTTP 404" in note
    with pytest.raises(RuntimeError):
        served_page_of_event(get, "topics/t/2017/", "e3", "topics/t/")


# --- targets ------------------------------------------------------------------------------------


def size(events: int, readers: dict[str, Any]) -> SizeResult:
    return SizeResult(events=events, articles=1, actors=1, refs=0, content_files=1,
                      content_mb=0.1, annals={"finished": 1, "seconds": 2.0, "peak_mb": 50.0},
                      floor={"finished": 1, "seconds": 1.0, "peak_mb": 40.0},
                      readers=readers)


def measured_readers(*, largest: int = 400_000, over: int = 0, ratio: float = 2.0,
                     filter_ms: float | None = 300.0, markup: float = 1.2) -> dict[str, Any]:
    applied: dict[str, Any] = {"page": "topics/t/", "actor": "a"}
    if filter_ms is None:
        applied["not_measurable"] = "data-annals-filtered did not change within 30 s"
    else:
        applied.update({"median_ms": filter_ms, "runs_ms": [filter_ms]})
    return {
        "annals_pages": {"pages": 10, "largest_path": "topics/t/index.html",
                         "largest_url": "topics/t/", "largest_bytes": largest,
                         "limit_bytes": 500_000, "over_limit": over},
        "markup": {"topic": "t", "annals_events": 9, "annals_pages": 1,
                   "annals_per_event": 1200.0 * markup, "floor_events": 9,
                   "floor_per_event": 1200.0, "ratio": markup},
        "browser": {"interactive": {
            "largest_page": "topics/t/", "about_page": "about/",
            "largest": {"median_ms": 300.0 * ratio, "median_load_ms": 200.0, "how": ["ready"],
                        "runs_ms": [300.0 * ratio]},
            "about": {"median_ms": 300.0, "median_load_ms": 100.0, "how": ["ready"],
                      "runs_ms": [300.0]},
            "ratio": ratio, "fallback": False}, "filter": applied}}


def verdicts(found: list[dict[str, Any]]) -> dict[str, bool | None]:
    return {t["target"].split(" at ")[0].split(" (")[0]: t["met"] for t in found}


def test_reader_targets_met() -> None:
    serve = {"events": 10000, "median_seconds": 0.8, "page": "topics/t/"}
    found = reader_targets([size(1000, measured_readers())], serve)
    assert all(t["met"] is True for t in found), found
    assert len(found) == 5


def test_reader_targets_not_met() -> None:
    serve = {"events": 10000, "median_seconds": 1.0, "page": "topics/t/"}
    readers = measured_readers(largest=700_000, over=3, ratio=3.01, filter_ms=1000.0,
                               markup=1.51)
    found = reader_targets([size(1000, readers)], serve)
    assert [t["met"] for t in found] == [False] * 5
    assert "3 of 10 pages over" in found[0]["shown"]


def test_reader_targets_at_the_limits_are_met() -> None:
    found = reader_targets([size(1000, measured_readers(largest=500_000, ratio=3.0,
                                                         markup=1.5))], None)
    met = verdicts(found)
    assert met["largest page"] is True
    assert met["largest page's time to interactive ÷ the about page's"] is True
    assert met["event markup per event on the largest topic ÷ the floor's"] is True


def test_reader_targets_unknown_say_why() -> None:
    skipped = measured_readers(filter_ms=None)
    skipped["browser"] = {"skipped": "the budget (about 300 s needed, 20 s left)"}
    unmeasurable = measured_readers(filter_ms=None)
    unfinished = size(50000, {})
    unfinished.annals = {"finished": 0}
    found = reader_targets([size(1000, unmeasurable), size(10000, skipped), unfinished], None)
    unknown = {t["target"]: t["why"] for t in found if t["met"] is None}
    assert unknown["actor filter across years on the largest topic's page at 1,000 (median)"] \
        == "data-annals-filtered did not change within 30 s"
    assert "the budget" in unknown[
        "largest page's time to interactive ÷ the about page's at 10,000"]
    assert unknown["largest page at 50,000 (every page ≤ 500 KB)"] \
        == "the Annals build did not finish"
    assert unknown["event markup per event on the largest topic ÷ the floor's at 50,000"] \
        == "a build did not finish"
    assert "no mkdocs serve" in unknown[
        "save → the page that shows the edited event, under `make serve` (median)"]
    assert all(t["met"] is not False for t in found)


def test_the_report_shows_readers_and_reasons() -> None:
    sizes = [size(1000, measured_readers(filter_ms=None))]
    results: dict[str, Any] = {
        "meta": {"date": "2026-12-01", "machine": "2 CPUs", "python": "3.11", "mkdocs": "1.6",
                 "material": "9", "seed": 0, "seconds": 10, "budget": 0},
        "baseline": {"annals_seconds": 1.0, "floor_seconds": 0.5},
        "sizes": [vars(s) for s in sizes], "serve": None, "targets": targets(sizes, None)}
    report = markdown_report(results)
    assert "## Readers" in report
    assert "`topics/t/index.html`" in report
    assert "unknown (data-annals-filtered did not change within 30 s)" in report
    # Results written before the reader measurements existed still render.
    old = dict(results, sizes=[{k: v for k, v in vars(s).items() if k != "readers"}
                               for s in sizes])
    assert "## Readers" not in markdown_report(old)


# --- in the browser (a two-page fixture site, not the real one) -------------------------------

SCRIPT = """
document.addEventListener("DOMContentLoaded", () => {
  const root = document.documentElement;
  let count = 0;
  const form = document.querySelector("form.annals-filters");
  if (form) {
    form.hidden = false;
    form.addEventListener("change", () => {
      setTimeout(() => { count += 1; if (SETS) root.dataset.annalsFiltered = String(count); },
                 120);
    });
  }
  if (SETS) root.dataset.annalsReady = "1";  // annalsReady, annalsFiltered: mentioned
});
"""
TOPIC = """<!doctype html><html><head><script src="../../app.js"></script></head><body>
<form class="annals-filters" hidden><select name="actor"><option value="">Any</option>
<option value="china">China</option></select></form>
<article class="annals-event"><h3 id="e1">One</h3>
<p class="actors"><a href="../../actors/china/">China</a></p></article>
</body></html>"""
ABOUT = '<!doctype html><html><head><script src="../app.js"></script></head><body>Hi</body></html>'


def fixture_site(root: Path, *, sets: bool) -> Path:
    write(root / "app.js", SCRIPT.replace("SETS", "true" if sets else "false"))
    write(root / "topics" / "t" / "index.html", TOPIC)
    write(root / "about" / "index.html", ABOUT)
    return root


def needs_browser() -> None:
    from bench.readers import chromium_executable

    if chromium_executable() is None:
        if os.environ.get("ANNALS_REQUIRE_BROWSER") == "1":
            pytest.fail("ANNALS_REQUIRE_BROWSER=1 but no Chromium", pytrace=False)
        pytest.skip("no Chromium (set ANNALS_CHROMIUM or install Debian's chromium)")


@pytest.mark.browser
def test_the_browser_measures_ready_pages_and_the_filter(tmp_path: Path) -> None:
    from bench.readers import measure_browser

    needs_browser()
    site = fixture_site(tmp_path, sets=True)
    found = measure_browser(site, "topics/t/", "topics/t/", "china", runs=2, say=lambda _: None)
    interactive = found["interactive"]
    assert interactive["largest"]["how"] == ["ready"] and interactive["about"]["how"] == ["ready"]
    assert interactive["ratio"] > 0 and not interactive["fallback"]
    assert interactive["largest"]["median_ms"] >= interactive["largest"]["median_load_ms"]
    applied = found["filter"]
    assert len(applied["runs_ms"]) == 2
    assert 120 <= applied["median_ms"] < 5000
    assert applied["shown"] == 1


@pytest.mark.browser
def test_the_browser_falls_back_and_says_what_it_could_not_measure(tmp_path: Path) -> None:
    from bench.readers import measure_browser

    needs_browser()
    site = fixture_site(tmp_path, sets=False)
    found = measure_browser(site, "topics/t/", "topics/t/", "china", runs=1, ready_timeout=2,
                            filter_timeout=1, say=lambda _: None)
    assert found["interactive"]["fallback"]
    assert found["interactive"]["largest"]["how"] == ["load + idle"]
    # The idle period is the page's own, noted as it came: the wait for the flag is not in it.
    assert found["interactive"]["largest"]["median_ms"] < 2000
    assert "did not change within 1 s" in found["filter"]["not_measurable"]
