"""Integration: the real corpus built by MkDocs with strict on, read back from the HTML."""

from __future__ import annotations

import json
import re
import urllib.parse
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from generator import urls
from generator.packaged import SCHEMAS, asset
from generator.pipeline import check
from tests.site_builder import ROOT, BuiltSite, build_site, copy_project

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import ContentTree


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    built = build_site(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert built.returncode == 0, built.log
    return built


class EventHeadings(HTMLParser):
    """Collects the ids of event headings (the h3 that opens each article.annals-event)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.in_event = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "article" and found.get("class") == "annals-event":
            self.in_event = True
        elif tag == "h3" and self.in_event and found.get("id"):
            self.ids.append(str(found["id"]))
            self.in_event = False


def event_ids(html: str) -> list[str]:
    parser = EventHeadings()
    parser.feed(html)
    return parser.ids


def test_build_is_strict_and_warning_free(site: BuiltSite) -> None:
    assert "WARNING" not in site.log, site.log
    assert "ERROR" not in site.log, site.log


def test_every_event_appears_exactly_once_on_each_of_its_topics(site: BuiltSite) -> None:
    corpus, diagnostics = check(ROOT / "content")
    assert diagnostics == []
    assert len(corpus.events) >= 40
    for topic_id in corpus.topics:
        shown = event_ids(site.page(f"topics/{topic_id}/"))
        expected = [event.id for event in corpus.events if topic_id in event.topics]
        assert shown == expected, topic_id  # each once, in timeline order, nothing else


def test_seed_events_are_shown_in_words_with_tass_as_source(site: BuiltSite) -> None:
    html = site.page("topics/thaad/")
    for event_id, words in [("2015-02-04-chang-wanquan-raises-thaad-in-seoul", "4 February 2015"),
                            ("2015-02-05-china-urges-us-not-to-deploy-thaad", "5 February 2015")]:
        before, after = html.split(f'id="{event_id}"', 1)
        block = before.rsplit("<article", 1)[1] + after.split("</article>", 1)[0]
        assert f">{words}</time>" in block
        assert "<cite>TASS</cite>" in block
        assert 'href="http://tass.com/en/world/775588"' in block


def test_search_index_maps_event_words_to_its_anchor(site: BuiltSite) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text())
    location = "topics/thaad/#2015-02-05-china-urges-us-not-to-deploy-thaad"
    [entry] = [doc for doc in index["docs"] if doc["location"] == location]
    assert "urges the US not to deploy THAAD" in entry["title"]
    assert "Hong Lei" in entry["text"]  # the actor's name is searchable
    assert "regional peace and stability" in entry["text"]  # words of the summary
    # The search plugin read the block's search version (text), not the readers' card.
    assert "“China’s stance on the missile defense issue is consistent and clear.” (Hong Lei)" \
        in entry["text"]
    assert "TASS: China urges United States" in entry["text"]
    assert "Sources:" not in entry["text"] and "<ul>" not in entry["text"]


def test_search_index_holds_a_korean_quote_and_its_translation(site: BuiltSite) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text())
    event = "2024-03-28-constitutional-court-dismisses-thaad-petitions"
    [entry] = [doc for doc in index["docs"] if doc["location"] == f"topics/thaad/#{event}"]
    original = "이 사건 협정이 국민들의 평화적 생존을 위협할 가능성이 있다고 볼 수 없다"
    assert original in entry["text"]
    assert "Translation by the curators, not the source’s words: It cannot be seen that the " \
        "agreement in this case could threaten the people's peaceful existence" in \
        entry["text"]
    page = site.page("topics/thaad/")
    assert '<blockquote lang="ko"><p>이 사건 협정이' in page
    assert 'lang="ja">THAAD機密情報を漏えい' in site.page("sources/")


def test_only_http_links_leave_the_site(site: BuiltSite) -> None:
    for page in site.site.rglob("*.html"):
        hrefs = re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))
        for href in hrefs:
            assert not re.match(r"\s*(javascript|data|vbscript):", href, re.IGNORECASE), href


def test_generated_pages_are_not_written_into_docs(site: BuiltSite) -> None:
    assert not (ROOT / "docs" / "topics").exists()
    assert not (ROOT / "docs" / "actors").exists()
    assert (site.site / "topics" / "thaad" / "index.html").exists()


def test_pages_exist_for_every_topic_and_actor(site: BuiltSite) -> None:
    corpus, _ = check(ROOT / "content")
    for topic_id in corpus.topics:
        assert (site.site / "topics" / topic_id / "index.html").exists()
    for actor_id in corpus.actors:
        assert (site.site / "actors" / actor_id / "index.html").exists()
    assert (site.site / "sources" / "index.html").exists()


def test_invalid_content_fails_the_build_with_diagnostics_and_no_traceback(
        minimal: ContentTree, tmp_path: Path) -> None:
    minimal.write("articles/2015/2015-02-06-broken.yml", "title: A\ntitle: B\n")
    project = copy_project(tmp_path / "project", minimal.root)
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 1
    assert "2015-02-06-broken.yml:2:1: error: duplicate key 'title'" in built.log
    assert "Traceback" not in built.log


def test_a_new_article_appears_on_its_topic_page(minimal: ContentTree, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", minimal.root)
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    assert event_ids(built.page("topics/thaad/")) == ["2015-02-05-china-urges-us"]


def test_schemas_are_published_with_the_site(site: BuiltSite) -> None:
    for name in ("article", "topic", "actor", "tags"):
        published = site.site / "schema" / f"{name}.schema.json"
        assert published.read_bytes() == (SCHEMAS / f"{name}.schema.json").read_bytes()


def test_every_page_loads_the_packaged_script_and_stylesheet(site: BuiltSite) -> None:
    # mkdocs.yml lists neither: the plugin adds the package's files to every site.
    assert "annals.js" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for path in (urls.SCRIPT, urls.STYLESHEET):
        assert (site.site / path).read_bytes() == asset(path)
    for page in ("", "topics/thaad/", "about/"):
        html = site.page(page)
        assert f'src="{urls.root_of_url(page)}{urls.SCRIPT}"' in html, page
        assert f'href="{urls.root_of_url(page)}{urls.STYLESHEET}"' in html, page


def test_edit_links_point_at_the_content_files(minimal: ContentTree, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", minimal.root)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "repo_url: https://github.test/o/annals\n"
                      "edit_uri: edit/main/docs/\n")
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    topic = built.page("topics/thaad/")
    # Material's edit button on the generated page opens the topic's YAML file ...
    assert 'href="https://github.test/o/annals/edit/main/content/topics/thaad.yml"' in topic
    # ... and each event offers a correction to the article that defines it.
    block = topic.split('id="2015-02-05-china-urges-us"', 1)[1].split("</article>", 1)[0]
    assert ('<a href="https://github.test/o/annals/edit/main/content/articles/2015/'
            '2015-02-05-tass-china-urges-us.yml" rel="noreferrer">Suggest a correction'
            in block)
    actor = built.page("actors/hong-lei/")
    assert 'href="https://github.test/o/annals/edit/main/content/actors/hong-lei.yml"' in actor
    assert "/edit/main/docs/sources.md" not in built.page("sources/")  # no source file: no button


def test_no_edit_links_without_a_repository(site: BuiltSite) -> None:
    assert "Suggest a correction" not in site.page("topics/thaad/")


def test_topic_pages_weigh_at_most_25_kb_of_html_per_10_events(site: BuiltSite) -> None:
    # The theme's own markup (header, navigation, footer: about 25 KB) is the same on every
    # page; per 10 events the budget is met once a topic has a few dozen events, as THAAD has.
    # The schema.org data for search engines is budgeted on its own (below): it is not part of
    # what a reader's browser lays out.
    corpus, _ = check(ROOT / "content")
    events = len(corpus.topic_events("thaad"))
    assert events >= 40
    html = (site.site / "topics" / "thaad" / "index.html").read_text(encoding="utf-8")
    jsonld = re.search(r'<script type="application/ld\+json">.*?</script>', html, re.S)
    assert jsonld is not None
    page = html.replace(jsonld.group(), "")
    assert len(page.encode()) <= 25_000 * events / 10, f"{len(page)} bytes for {events} events"
    assert len(jsonld.group().encode()) <= 7_000 * events / 10


def test_topic_page_has_chart_filters_and_month_markers(site: BuiltSite) -> None:
    html = site.page("topics/thaad/")
    chart = html.split('<figure class="annals-chart">', 1)[1].split("</figure>", 1)[0]
    assert 'role="group" aria-labelledby=' in chart and "<title" in chart and "<desc" in chart
    anchors = re.findall(r'<a href="#((?:month|year)_[0-9-]+)">', chart)
    assert anchors and all(f'id="{anchor}"' in html for anchor in anchors)
    assert '<form class="annals-filters" role="search" aria-label="Filter events" hidden>' in html
    assert 'id="month_2015-02"' in html


def test_actor_page_lists_co_occurring_actors(site: BuiltSite) -> None:
    html = site.page("actors/hong-lei/")
    often = html.split("Often with</span>", 1)[1].split("</p>", 1)[0]
    assert 'href="../china/"' in often


def test_exports_and_feeds_are_published_and_linked_from_the_topic(site: BuiltSite) -> None:
    html = site.page("topics/thaad/")
    downloads = html.split('<p class="annals-downloads">', 1)[1].split("</p>", 1)[0]
    links = re.findall(r'href="\.\./\.\./([^"]+)"', downloads)
    assert {link.rsplit(".", 1)[1] for link in links} == {"json", "csv", "ics", "atom"}
    for link in links:
        assert (site.site / link).is_file(), link


def test_every_page_advertises_the_feeds_in_its_head(site: BuiltSite) -> None:
    for uri, own in [("", None), ("about/", None), ("topics/thaad/", "topics/thaad"),
                     ("actors/hong-lei/", "actors/hong-lei")]:
        head = site.page(uri).split("</head>", 1)[0]
        feeds = re.findall(r'<link rel="alternate feed" '
                           r'type="application/(?:atom\+xml|feed\+json)" '
                           r'title="[^"]+" href="([^"]+)">', head)
        targets = {(site.site / uri / feed).resolve() for feed in feeds}
        assert (site.site / "feeds/all.atom").resolve() in targets, uri
        assert all(target.is_file() for target in targets), uri
        if own:
            assert (site.site / f"feeds/{own}.atom").resolve() in targets


def test_generated_pages_have_link_previews(site: BuiltSite) -> None:
    head = site.page("topics/thaad/").split("</head>", 1)[0]
    assert '<meta property="og:title" content="THAAD in South Korea">' in head
    assert '<meta name="twitter:card" content="summary">' in head
    assert re.search(r'<meta property="og:description" content="The dispute, since 2014', head)


def test_sitemap_lists_generated_pages_when_the_site_url_is_known(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNALS_SITE_URL", "https://annals.test/")
    built = build_site(ROOT, tmp_path / "site")
    assert built.returncode == 0, built.log
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    for page in ("topics/thaad/", "actors/hong-lei/", "sources/", "actors/"):
        assert f"<loc>https://annals.test/{page}</loc>" in sitemap
    head = built.page("topics/thaad/").split("</head>", 1)[0]
    assert '<meta property="og:url" content="https://annals.test/topics/thaad/">' in head


def test_a_bad_option_fails_the_build_before_anything_is_written_with_a_message(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      feed_entries: 50\n" in text
    config.write_text(text.replace("      feed_entries: 50\n", "      feed_entries: -1\n"),
                      encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert built.returncode != 0
    # Checked when the configuration loads (generator/options), for every route alike.
    assert "Annals: feed_entries must be 0 (every event) or a positive number, not -1" \
        in built.log
    assert "Traceback" not in built.log
    assert not (built.site / "feeds").exists()


def test_the_exports_are_complete_when_the_build_ends(site: BuiltSite) -> None:
    # Written in a forked process beside the page building: the build waits for them.
    for path in ("exports/all.json", "exports/all.csv", "exports/all.ics", "feeds/all.atom",
                 "exports/timelinejs/thaad.json"):
        assert (site.site / path).stat().st_size > 0, path
    assert json.loads((site.site / "exports/all.json").read_text(encoding="utf-8"))


def test_hand_written_pages_may_link_to_event_and_article_anchors(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "links.md").write_text(
        "# Links\n\n[An event](topics/thaad.md#2015-02-04-chang-wanquan-raises-thaad-in-seoul)"
        " and [its source](sources.md#2015-02-05-tass-china-urges-us-not-to-deploy-thaad),"
        " [a month](topics/thaad.md#month_2015-02).\n", encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    # And a missing anchor is still caught.
    (project / "docs" / "links.md").write_text(
        "# Links\n\n[Nothing](topics/thaad.md#no-such-event)\n", encoding="utf-8")
    broken = build_site(project, tmp_path / "site2")
    assert broken.returncode != 0
    assert "does not contain an anchor '#no-such-event'" in broken.log


def map_of(html: str) -> str:
    start = html.index('<svg class="annals-map__svg"')
    return html[start:html.index("</svg>", start)]


def test_the_topic_page_maps_its_places_each_linking_to_the_filter_for_it(
        site: BuiltSite) -> None:
    html = site.page("topics/thaad/")
    svg = map_of(html)
    markers = re.findall(r'<a href="\?place=([^"]+)" class="annals-map__place" '
                         r'aria-label="([^"]+)"', svg)
    assert len(markers) >= 10
    corpus, _ = check(ROOT / "content")
    counts: dict[str, int] = {}
    for event in corpus.topic_events("thaad"):
        for place in event.places:
            counts[place] = counts.get(place, 0) + 1
    options = set(re.findall(r'<option value="([^"]*)">', html.split('name="place"', 1)[1]
                             .split("</select>", 1)[0]))
    for quoted, label in markers:
        name = urllib.parse.unquote(quoted)
        assert name in options, name  # the filter offers what the marker selects
        assert label.startswith(f"{name}: {counts[name]} event"), label
    assert "Seongju" in {urllib.parse.unquote(quoted) for quoted, _ in markers}
    # Beside the map: the places as links with counts, those beyond it, and its point of view.
    lists = html.split('<div class="annals-map__lists">', 1)[1].split("</details>", 1)[0]
    assert '<a href="?place=Seongju">Seongju</a>' in lists
    assert "Beyond this map" in lists and '<a href="?place=Washington">Washington</a>' in lists
    assert "Not on the map" in lists and '<a href="?place=China">China</a> (a country' in lists
    assert "de facto" in lists and "Annals takes no position on disputed borders" in lists
    assert 'id="map_thaad_t"' in svg and 'id="map_thaad_d"' in svg


def test_the_home_page_maps_every_topic_s_places_linking_to_their_topics(
        site: BuiltSite) -> None:
    html = site.page("")
    svg = map_of(html)
    links = re.findall(r'<a href="([^"]+)" class="annals-map__place"', svg)
    assert len(links) >= 15
    for link in links:
        page, _, query = link.partition("?")
        assert query.startswith("place=")
        assert (site.site / page / "index.html").is_file(), link
    assert "topics/thaad/?place=Seongju" in links
    assert "topics/south-china-sea-arbitration/?place=Second%20Thomas%20Shoal" in links
    section = html.split('<section class="annals-map annals-map--home">', 1)[1]
    assert "Annals takes no position on disputed borders" in section.split("</section>")[0]


def test_the_map_costs_a_bounded_share_of_a_page(site: BuiltSite) -> None:
    # Its bytes depend on the region drawn and on at most 40 places, not on the events.
    for page in ("", "topics/thaad/", "topics/south-china-sea-arbitration/"):
        html = site.page(page)
        start = html.index('class="annals-map')
        block = html[start:html.index("</details>" if page else "</section>", start)]
        assert len(block.encode()) < 40_000, (page, len(block))


@pytest.mark.parametrize("page", ["", "topics/thaad/", "topics/south-china-sea-arbitration/"])
def test_no_marker_covers_another_so_that_each_can_be_clicked(site: BuiltSite, page: str) -> None:
    circles = [(float(x), float(y), float(r)) for x, y, r in re.findall(
        r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/>', map_of(site.page(page)))]
    assert len(circles) >= 3
    for index, (x0, y0, r0) in enumerate(circles):
        for x1, y1, r1 in circles[index + 1:]:
            assert ((x0 - x1) ** 2 + (y0 - y1) ** 2) ** 0.5 >= r0 + r1 + 1, page
