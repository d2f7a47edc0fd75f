"""Every diagnostic code: what it means, a failing example and the fix.

The reference page ``docs/reference/diagnostics.md`` is generated from this table
(``annals codes --write``), and a test keeps the two equal, so the documentation cannot drift
from the codes the checker emits.
"""

from __future__ import annotations

from dataclasses import dataclass

REFERENCE_PATH = "docs/reference/diagnostics.md"


@dataclass(frozen=True)
class CodeInfo:
    """The documentation of one diagnostic code."""

    title: str
    explanation: str
    example: str
    fix: str
    example_file: str = "content/articles/2015/2015-02-05-tass-china-urges-us.yml"


CODES: dict[str, CodeInfo] = {
    # --- reading: files and folders ---------------------------------------------------------
    "R001": CodeInfo(
        "content folder missing", "The path given to the checker is not a real folder.",
        "annals check contetn", "Pass the path of the content/ folder.", "(command line)"),
    "R002": CodeInfo(
        "too many files", "The content folder holds more files than the reader's limit.",
        "(more than 100,000 files under content/)", "Split the content into several sites.",
        "content/"),
    "R003": CodeInfo(
        "hidden file", "Files and folders whose names start with a dot are refused.",
        "content/topics/.thaad.yml", "Remove it, or move it outside content/.", "(file name)"),
    "R004": CodeInfo(
        "symbolic link", "Links are never followed: they could point outside the repository.",
        "content/topics/passwd.yml -> /etc/passwd", "Replace the link with a real file.",
        "(file system)"),
    "R005": CodeInfo(
        "file where a folder belongs", "topics/, actors/, articles/ and articles/YYYY/ must be "
        "folders.", "content/topics (a file)", "Make it a folder of .yml files.",
        "(file system)"),
    "R006": CodeInfo(
        "not a regular file", "FIFOs, sockets and devices are refused without being opened.",
        "mkfifo content/topics/pipe.yml", "Remove it.", "(file system)"),
    "R007": CodeInfo(
        "unexpected file", "content/ holds tags.yml and the folders topics/, actors/, "
        "places/ and articles/ only.", "content/notes.md", "Move the file out of content/.",
        "(file name)"),
    "R008": CodeInfo(
        "article folder not a year", "Articles are grouped in folders named by year.",
        "content/articles/recent/2015-02-05-tass.yml",
        "Move the file into content/articles/2015/.", "(file name)"),
    "R009": CodeInfo(
        "badly named article file", "An article file is named after its publication date, "
        "then lower-case words joined by hyphens.", "content/articles/2015/TASS report.yml",
        "Rename it to 2015-02-05-tass-china-urges-us.yml.", "(file name)"),
    "R010": CodeInfo(
        "article in the wrong year folder", "The year folder must match the date in the file "
        "name.", "content/articles/2016/2015-02-05-tass.yml",
        "Move it to content/articles/2015/.", "(file name)"),
    "R011": CodeInfo(
        "badly named file", "A topic or actor file's name is its id: lower-case ASCII letters, "
        "digits and hyphens, ending in .yml.", "content/actors/Hong Lei.yaml",
        "Rename it to hong-lei.yml.", "(file name)"),
    "R012": CodeInfo(
        "file cannot be opened", "The file disappeared or is not readable.",
        "(permissions 000)", "Make it a readable regular file.", "(file system)"),
    "R013": CodeInfo(
        "file too large", "A content file may hold at most 256 KiB.",
        "(a 300 KiB article)", "Split the article's events, or shorten the text.",
        "(file size)"),
    "R014": CodeInfo(
        "not UTF-8", "Content files are UTF-8 text.", "(a file saved as Latin-1 or UTF-16)",
        "Save the file with UTF-8 encoding.", "(encoding)"),
    "R015": CodeInfo(
        "name too long", "A content file's name without .yml is an id of at most 100 "
        "characters: the site writes files named after it, and file names and checkouts' paths "
        "have limits.", "content/topics/(a name of 300 characters).yml",
        "Shorten the name.", "(file name)"),
    "R016": CodeInfo(
        "name a checkout cannot hold", "Windows reserves device names (con, prn, aux, nul, "
        "com0–com9, lpt0–lpt9) whatever their extension: a checkout there fails.",
        "content/actors/con.yml", "Rename it, e.g. to con-actor.yml.", "(file name)"),
    "R017": CodeInfo(
        "name the site uses", "A topic or actor id whose page, feed or export would take the "
        "place of one of the site's own: 'index' (the actors' and topics' lists), 'all' (the "
        "whole site's exports).", "content/actors/index.yml",
        "Rename it, e.g. to index-actor.yml.", "(file name)"),
    # --- reading: YAML --------------------------------------------------------------------------
    "Y001": CodeInfo(
        "invalid YAML", "The YAML cannot be parsed. The common mistakes are said in plain words "
        "at the line where they most likely are: a value holding ': ', a field indented more or "
        "less than the others of its mapping, no space after ':' or '-', an unclosed quote or "
        "bracket; anything else in the YAML parser's words.",
        "summary: Hong Lei said: no\n", "Quote text that contains ': ', or use a folded block "
        "(summary: >-)."),
    "Y002": CodeInfo(
        "forbidden character", "YAML forbids most control characters, such as NUL.",
        "title: a\\x00b   (a raw NUL byte)", "Delete the character."),
    "Y003": CodeInfo(
        "empty file", "The file holds no YAML document.", "", "Write the fields of its schema."),
    "Y004": CodeInfo(
        "several documents", "A file holds one YAML document.", "title: A\n---\ntitle: B\n",
        "Remove the '---' separator and split the file."),
    "Y005": CodeInfo(
        "alias", "Aliases (*name) are refused before anything is expanded: they are how "
        "'billion laughs' files grow to gigabytes.", "summary: *same\n",
        "Write the value out in full."),
    "Y006": CodeInfo(
        "anchor", "Anchors (&name) exist only to be aliased, and aliases are refused.",
        "summary: &same The text.\n", "Remove the anchor."),
    "Y007": CodeInfo(
        "tag", "YAML tags such as !!python/object could build objects; every value is read as "
        "text instead.", "title: !!str 2015\n", "Remove the tag."),
    "Y008": CodeInfo(
        "nesting too deep", "Content files are shallow; deep nesting is refused.",
        "related: [[[[[[[[[[[[[[[[[[thaad]]]]]]]]]]]]]]]]]]\n", "Flatten the structure."),
    "Y009": CodeInfo(
        "key not a plain word", "Mapping keys must be plain scalars.", "? [a, b]\n: c\n",
        "Write 'name: value'."),
    "Y010": CodeInfo(
        "duplicate key", "YAML would silently keep only the last of two equal keys.",
        "title: A\ntitle: B\n", "Keep one of them."),
    "Y011": CodeInfo(
        "text too long", "A single text may hold at most 20,000 characters.",
        "(a summary of 25,000 characters)", "Shorten it."),
    "Y012": CodeInfo(
        "invisible or control character", "Control characters, bidirectional overrides and "
        "lone surrogates can make text display differently from what it says.",
        'title: "abc\\u202edef"\n', "Delete the character."),
    "Y013": CodeInfo(
        "no visible character", "A text made only of spaces and invisible characters (zero-"
        "width spaces, fillers, the braille blank) shows nothing: an event no reader can see.",
        'title: "\\u200b\\u200b"\n', "Write the text."),
    # --- schema ---------------------------------------------------------------------------------
    "S001": CodeInfo(
        "missing field", "A required field is absent.", "title: A\n(no publisher)\n",
        "Add the field; the hint says what it holds."),
    "S002": CodeInfo(
        "unknown field", "A field the schema does not know, often a typing mistake.",
        "publsher: TASS\n", "Correct the name; the hint suggests the closest field."),
    "S003": CodeInfo(
        "wrong type", "A field holds the wrong kind of value, e.g. text where a list belongs.",
        "actors: hong-lei\n", "Write a list: actors: [hong-lei]."),
    "S004": CodeInfo(
        "empty list", "A list that must hold something is empty: an article without events, "
        "an event without topics.", "events: []\n",
        "Add an item, or cite an existing event with '- ref: <id>'."),
    "S005": CodeInfo(
        "empty text", "A text field is empty.", "title:\n", "Write the text."),
    "S006": CodeInfo(
        "text too long for its field", "Each field has a maximum length.",
        "title: (400 characters)\n", "Shorten it; the summary is the place for detail."),
    "S007": CodeInfo(
        "wrong form", "The value does not have the field's form: an id, a day, a URL.",
        "id: China Urges\n", "Follow the form the hint shows, e.g. china-urges."),
    "S008": CodeInfo(
        "repeated item", "A list names the same item twice.", "actors: [china, china]\n",
        "Remove the repetition."),
    "S009": CodeInfo(
        "not one of the allowed values", "The field takes one of a fixed set of values.",
        "kind: persn\n", "Use one of the values listed.", "content/actors/hong-lei.yml"),
    "S010": CodeInfo(
        "too many items", "A list holds more items than its field allows: an event names at "
        "most 50 actors (each actor's page ranks those who act with them, a cost that grows "
        "with the square of an event's actors).", "actors: [a1, a2, …, a51]\n",
        "Keep the actors the article names as acting."),
    "S099": CodeInfo(
        "other schema problem", "A schema rule without a more specific message.", "",
        "Read the message and the field's description in the schema."),
    # --- cross-file rules -----------------------------------------------------------------------
    "V001": CodeInfo(
        "duplicate event id", "Two articles define an event with the same id.",
        "events:\n  - id: 2015-02-05-china-urges-us   # already defined elsewhere\n",
        "Cite the existing event with '- ref: 2015-02-05-china-urges-us', or choose a new id."),
    "V002": CodeInfo(
        "unknown topic", "A topic id names no file in content/topics/.", "topics: [thad]\n",
        "Use an existing id (the hint suggests one) or add the topic file."),
    "V003": CodeInfo(
        "unknown actor", "An actor id names no file in content/actors/.",
        "actors: [hong-li]\n", "Use an existing id or add content/actors/<id>.yml."),
    "V004": CodeInfo(
        "unknown tag", "A tag is not in content/tags.yml.", "tags: [diplomatic]\n",
        "Use a listed tag, or add it to content/tags.yml with a description."),
    "V005": CodeInfo(
        "unknown speaker", "A quote's 'by' names no actor.",
        "quotes:\n  - text: Words.\n    by: nobody\n", "Name the speaker's actor id."),
    "V006": CodeInfo(
        "ref to a missing event", "'ref' must name an event defined in another article. When "
        "that article has errors, the message names the file and line that define the event.",
        "events:\n  - ref: 2015-02-05-china-urges-uss\n",
        "Correct the id, or fix the problems of the file that defines the event."),
    "V007": CodeInfo(
        "ref to an event of the same article", "The article already lists the event it "
        "defines.", "events:\n  - id: x\n    ...\n  - ref: x\n", "Remove the ref."),
    "V008": CodeInfo(
        "event cited twice", "An article cites the same event twice.",
        "events:\n  - ref: x\n  - ref: x\n", "Remove the repetition."),
    "V009": CodeInfo(
        "distinct_from names no event", "'distinct_from' lists events this one only looks like; "
        "each id must exist.", "distinct_from: [2015-02-05-china-urges-uss]\n",
        "Correct the id."),
    "V010": CodeInfo(
        "file name and publication date disagree", "An article's file name starts with its "
        "publication date.", "published: 2015-02-04   # in 2015-02-05-tass-….yml\n",
        "Rename the file or correct the date."),
    "V011": CodeInfo(
        "unsafe link", "Links must be plain http(s) addresses with a host and no user name, "
        "password, whitespace or invisible characters.", "url: https://user@tass.com/\n",
        "Copy the address of the article page from the browser."),
    "V012": CodeInfo(
        "id the site uses", "An event id equal to the id of one of the pages' own sections "
        "(latest, periods, quotes, recent, topics) would give a page two elements with one id, "
        "and its permalink would not reach the event.",
        "events:\n  - id: periods\n", "Choose another id; start it with the date."),
    # --- places ---------------------------------------------------------------------------------
    "P001": CodeInfo(
        "unknown place", "On a site with a places registry (content/places/), an event names "
        "each place by the name (or an alias) of a file there.", "places: [Seol]\n",
        "Use the place's name as its file writes it (the hint suggests one), or add "
        "content/places/<id>.yml."),
    "P002": CodeInfo(
        "coordinate out of range", "A latitude is between -90 and 90 degrees, a longitude "
        "between -180 and 180.", "latitude: 128.283019   # the longitude, copied into the "
        "latitude\n", "Copy the coordinates from their source again.",
        "content/places/seongju.yml"),
    "P003": CodeInfo(
        "half a coordinate", "A place has both a latitude and a longitude, or neither (then it "
        "is listed beside the map, not on it).", "latitude: 35.919119\n",
        "Add the other coordinate from the same source, or remove the one given.",
        "content/places/seongju.yml"),
    "P004": CodeInfo(
        "coordinates without a source", "Coordinates are never guessed: a place on the map "
        "says where they come from, a GeoNames id or the page they were read on.",
        "latitude: 37.566\nlongitude: 126.9784\n",
        "Add 'geonames: <id>' or 'source: <address of the page>'.", "content/places/seoul.yml"),
    "P005": CodeInfo(
        "two places with one name", "Events name places by name, so no two places share a "
        "name or an alias (letter case aside).", "name: Washington   # in two place files\n",
        "Give each place a name of its own (Washington, D.C.), or merge the two files.",
        "content/places/washington.yml"),
    # --- dates ----------------------------------------------------------------------------------
    "D001": CodeInfo(
        "bad day", "'published', 'added' and a correction's 'date' are single days, "
        "YYYY-MM-DD.",
        "published: 2015-02-30\n", "Write a real day, e.g. 2015-02-05."),
    "D002": CodeInfo(
        "bad event date", "An event date is YYYY, YYYY-MM, YYYY-MM-DD or a timestamp with its "
        "offset, optionally with ~ or ?, or two of them joined by /. A day written with "
        "slashes (11/29/2026) is quoted whole with its canonical form; one that reads either "
        "way (03/04/2026) with both.",
        "date: 5 Feb 2015\n", "Write it as the hint suggests, e.g. 2015-02-05."),
    "D003": CodeInfo(
        "day still to come", "'published' and 'added' may be at most one day after the day of "
        "the check (in UTC): an 'added' date in the future would keep an article at the top "
        "of every feed and of the recent additions. So may a correction's 'date'.",
        "added: 2099-01-01\n",
        "Write the day the article was published, or the day you curated it."),
    "D004": CodeInfo(
        "curated before published", "An article cannot be curated before it was published.",
        "published: 2015-02-05\nadded: 2015-02-04\n",
        "Write the day you curated the article as 'added'."),
    # --- languages and translations -------------------------------------------------------------
    "L001": CodeInfo(
        "not a language tag", "A language ('language' of an article or of a quote) is a BCP 47 "
        "tag whose subtags are in the IANA registry.", "language: xx\n",
        "Write the language's tag, e.g. en, ko, ja, zh-Hans or ar."),
    "L002": CodeInfo(
        "language tag not in its standard form", "A tag is written as the registry writes it: "
        "the two-letter code where there is one, the preferred value of a deprecated code.",
        "language: kor\n", "Write the tag the hint gives (here: ko)."),
    "L003": CodeInfo(
        "quote without a translation", "A quote not in English carries an English translation "
        "and says who made it: the publisher (its own English version of the same words) or "
        "the curators. Pages show it beside the original, never in its place.",
        "language: ko\n...\n    quotes:\n      - text: 이 사건 협정이 …\n        by: court\n",
        "Add 'translation: {text: <the English words>, by: curators}' (or 'by: publisher' "
        "for the publisher's own English version)."),
    "L004": CodeInfo(
        "translation where none belongs", "A translation is for words not in English: a quote "
        "or title in English, or whose language is not given, has none.",
        "language: en\n...\n        translation: {text: Words., by: curators}\n",
        "Remove the translation, or give the language the words are in."),
    "L005": CodeInfo(
        "words in another script than their language", "Most letters of a quote or title are "
        "of a script other than the Latin alphabet (Hangul, Chinese characters, kana, Arabic, "
        "…) while its language is English or not given; or a translation, which is English, "
        "is not in Latin letters.",
        "      - text: 이 사건 협정이 …   # in an article with language: en\n",
        "Give the words' language (language: ko) and an English translation."),
    "L006": CodeInfo(
        "address on a curators' translation", "'url' says where the publisher's own English "
        "version is; a translation made by the curators has none.",
        "        translation: {text: Words., by: curators, url: https://example.com/}\n",
        "Remove 'url', or write 'by: publisher' if it is the publisher's English version."),
    # --- archived copies ----------------------------------------------------------------------
    "A001": CodeInfo(
        "archived copy without its day, or day without a copy", "'archive_url' (an archived "
        "copy of the article) and 'archived' (the day it was captured) go together: a Robust "
        "Link carries both.", "archive_url: https://web.archive.org/web/20150206093000/"
        "http://tass.com/en/world/775588\n(no archived:)\n",
        "Add 'archived: YYYY-MM-DD' (for a Wayback Machine address, the hint reads it from the "
        "address), or remove 'archived'."),
    "A002": CodeInfo(
        "impossible archive or gone day", "'archived' and 'gone' are single days, not after "
        "the day of the check; a copy is not captured before the article appeared (bar a "
        "day for time zones), and an original is not gone before it was published.",
        "published: 2015-02-05\narchived: 2014-01-01\n", "Write the real day."),
    "A003": CodeInfo(
        "archive day and archive address disagree", "A Wayback Machine address holds the "
        "moment of its capture (/web/20150206093000/…, in UTC): 'archived' must be that day.",
        "archive_url: https://web.archive.org/web/20150206093000/http://tass.com/…\n"
        "archived: 2015-02-07\n", "Write the day of the address (here: 2015-02-06)."),
    # --- warnings -------------------------------------------------------------------------------
    "W001": CodeInfo(
        "possible duplicate event", "A new event has a close date and a similar title to an "
        "existing one. A warning: it fails the check only with --strict.",
        "title: China urges US not to deploy THAAD   # beside an existing, similar event\n",
        "If it is the same event, cite it with '- ref: <id>' instead of defining it again."),
    "W002": CodeInfo(
        "original gone without an archived copy", "A curator found the original address gone "
        "('gone:'), but the article names no archived copy: readers still get a dead link. A "
        "warning: it fails the check only with --strict.", "gone: 2026-11-30\n(no archive_url)\n",
        "Find a copy in a web archive and give it as 'archive_url', with its 'archived' day."),
    "W003": CodeInfo(
        "source without an archived copy", "Only with 'annals check --warn-unarchived' (or the "
        "plugin's 'warn_unarchived: true'): an article names no archived copy, so its "
        "source is lost if the page disappears. A warning: it fails the check only with "
        "--strict.", "url: http://tass.com/en/world/775588\n(no archive_url)\n",
        "Save the page in a web archive and give 'archive_url' and 'archived'."),
}


def reference_markdown() -> str:
    """The diagnostics reference page, one section per code, anchored by the code."""
    lines = ["# Diagnostics reference", "",
             "Every problem `annals check` reports has a stable code. Each section below shows "
             "what the code means, a failing example and the fix. Codes starting with W are "
             "warnings: they fail the check only with `--strict`.", ""]
    for code, info in CODES.items():
        lines += [f"## {code}: {info.title} {{ #{code.lower()} }}", "", info.explanation, ""]
        if info.example:
            where = info.example_file
            language = "yaml" if where.startswith("content") else "text"
            lines += [f"Failing example ({where.strip('()')}):", "", f"```{language}",
                      info.example.rstrip("\n"), "```", ""]
        lines += [f"**Fix:** {info.fix}", ""]
    return "\n".join(lines)
