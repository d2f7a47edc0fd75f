"""The record's own history: when each event changed and how, from the git history of the
content files, read in one pass.

One ``git log`` over the content folder lists every commit that changed a file there (with the
blob ids of each file's versions before and after), and one ``git cat-file --batch`` process
reads those versions and the commits' subjects. Each version of an article is read with the
same strict reader as the checkout's files (an old version that is not acceptable YAML is
skipped), reduced to a digest of each event's fields, and compared with the version before it:
the fields that differ are the change. The cost is linear in the size of the history, with a
constant number of processes, whatever the number of events or files.

Events are followed by id, not by file: an event moved to another article, or an article file
renamed (``--no-renames``: git's rename detection is a guess by similarity, and costs more),
is the same event, changed only in what differs. A commit's subject comes from whoever wrote
it: it is cleaned of control characters here and escaped by every output.

What git cannot say is said, never guessed: no git, no repository, a shallow clone (whose
oldest commit is where this copy's history begins, not where the events were created), files
changed in the working tree since the last commit.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from generator.reading import FORBIDDEN_CHARS, MAX_FILE_BYTES, parse_version, read_file

if TYPE_CHECKING:
    from collections.abc import Generator, Iterable, Iterator, Mapping

State = Literal["complete", "truncated", "unavailable"]
Kind = Literal["added", "changed", "removed"]

SUBJECT_CHARS = 120
"""The longest commit subject shown; a longer one is cut with an ellipsis."""
GIT_TIMEOUT = 600
"""Seconds a git process may take before the history is given up as unavailable."""

_OPTIONS = ("--no-pager", "-c", "core.quotepath=off", "-c", "core.fsmonitor=false",
            "-c", "log.showSignature=false", "-c", "i18n.logOutputEncoding=UTF-8",
            "-c", "log.showRoot=true", "-c", "diff.relative=false")
"""Settings a user's or repository's configuration must not change for the log's reader."""
_ARTICLE = re.compile(r"articles/[0-9]{4}/[^/]+\.yml")
_TOPIC = re.compile(r"topics/[^/]+\.yml")
_HEADER = re.compile(rb"([0-9a-f]{40,64}) ([0-9]+) ?((?:[0-9a-f]{40,64} ?)*)")
_RAW = re.compile(rb"\n?:([0-7]{6}) ([0-7]{6}) ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) ([A-Z])[0-9]*")
_FILE_MODES = (b"100644", b"100755")
_SUBJECT_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Change:
    """One change to an event: in a commit (its day, UTC, and subject), or in the working tree
    since the last commit (no day, no subject)."""

    kind: Kind
    fields: tuple[str, ...] = ()
    """The event's fields that changed (``sources`` for its articles), for ``changed``."""
    day: date | None = None
    subject: str = ""


@dataclass(frozen=True, slots=True)
class EventHistory:
    """An event's changes, newest first (one not yet committed before all)."""

    changes: tuple[Change, ...]
    truncated: bool = False
    """The event was there already where this copy's history begins (a shallow clone)."""


@dataclass(frozen=True, slots=True)
class TopicHistory:
    """When a topic (its file or any of its events) last changed."""

    updated: date | None = None
    pending: bool = False
    """Changed in the working tree since the last commit."""


@dataclass(frozen=True)
class History:
    """What the git history says of the content: every event's and topic's changes."""

    state: State
    reason: str = ""
    """Why the history is unavailable or truncated, in a reader's words."""
    since: date | None = None
    """Where a truncated history begins."""
    events: Mapping[str, EventHistory] = field(default_factory=dict)
    topics: Mapping[str, TopicHistory] = field(default_factory=dict)
    key: tuple[object, ...] = ()
    """Equal keys, equal histories (the commit and the working tree's changes): a preview
    builds its views again when it changes."""


def unavailable(reason: str) -> History:
    """A history that cannot be read, and why."""
    return History("unavailable", reason, key=("unavailable", reason))


NO_GIT = "git is not installed where the site was built"
NO_REPOSITORY = "the site was built from a copy of its sources without git history"
NO_COMMIT = "nothing had been committed when the site was built"
SHALLOW = "the site was built from a shallow clone, without the earlier history"
UNREADABLE = "git could not read the history of the site's sources"


HISTORY_VARIABLE = "ANNALS_HISTORY"
"""An environment variable: ``0`` (or ``off``, ``no``, ``false``) builds the site without any
history, as if none was asked for (the test suite does, so that no build of the repository's
own content depends on the repository's history)."""


def history_wanted() -> bool:
    """Whether builds read the history (see :data:`HISTORY_VARIABLE`)."""
    return os.environ.get(HISTORY_VARIABLE, "").strip().lower() not in ("0", "off", "no",
                                                                         "false")


def read_history(content: Path | str) -> History:
    """The history of a content folder from git, or why there is none."""
    return _Reader(Path(content)).read()


def site_history(content: Path | str) -> History | None:
    """The history a build of ``content`` shows: None when :func:`history_wanted` says
    none."""
    return read_history(content) if history_wanted() else None


class HistoryCache:
    """The history of the last build, read again only when the checkout's commit changes:
    a preview rebuilds on every save, and reading the whole log each time would slow it."""

    def __init__(self) -> None:
        self.known: tuple[Path, str, History] | None = None

    def read(self, content: Path | str) -> History | None:
        """The history of ``content`` as of its current commit (None: see
        :func:`history_wanted`)."""
        if not history_wanted():
            return None
        folder = Path(content)
        head = _Reader(folder).head() if shutil.which("git") else ""
        if self.known is not None and self.known[:2] == (folder, head):
            return self.known[2]
        history = read_history(folder)
        self.known = (folder, head, history)
        return history


def clean_subject(subject: str) -> str:
    """A commit subject as it may be shown: one line, no control or invisible characters,
    at most :data:`SUBJECT_CHARS` characters."""
    text = _SUBJECT_SPACES.sub(" ", FORBIDDEN_CHARS.sub(" ", subject)).strip()
    return text if len(text) <= SUBJECT_CHARS else text[:SUBJECT_CHARS - 1].rstrip() + "…"


# --- reading git ---------------------------------------------------------------------------


def _environment() -> dict[str, str]:
    """The environment git runs in: none of the caller's GIT_* variables (a hook's GIT_DIR or
    GIT_INDEX_FILE would point elsewhere), no system configuration, no prompt, no pager, no
    lock taken, no object fetched from a remote, no replaced object."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0",
               GIT_PAGER="cat", PAGER="cat", LC_ALL="C", GIT_NO_LAZY_FETCH="1",
               GIT_NO_REPLACE_OBJECTS="1")
    return env


@dataclass(slots=True)
class _Commit:
    sha: bytes
    day: date
    graft: bool
    files: list[tuple[str, bytes, bytes]] = field(default_factory=list)
    """(path from the content folder, blob before, blob after; b"" for none)."""


@dataclass(slots=True)
class _Article:
    """What the history compares of one version of an article."""

    defined: dict[str, dict[str, int]]
    """Each event it defines: a digest of each of its fields."""
    topics: dict[str, tuple[str, ...]]
    cites: frozenset[str]
    source: int
    """A digest of what an event's card shows of the article (all but its events, summary
    and curation day)."""


_Version = _Article | int | None
"""An article, a topic (a digest of its data), or nothing (absent or not readable)."""


def _digest(value: Any) -> int:
    return hash(json.dumps(value, sort_keys=True, ensure_ascii=False))


def _reduce(path: str, data: Any) -> _Version:
    """One version of a file as the history compares it; None if it is not a mapping."""
    if not isinstance(data, dict):
        return None
    if _TOPIC.fullmatch(path):
        return _digest(data)
    defined: dict[str, dict[str, int]] = {}
    topics: dict[str, tuple[str, ...]] = {}
    cites: set[str] = set()
    events = data.get("events")
    for item in events if isinstance(events, list) else ():
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("ref"), str):
            cites.add(item["ref"])
        elif isinstance(item.get("id"), str) and item["id"] not in defined:
            defined[item["id"]] = {name: _digest(value) for name, value in item.items()
                                   if name != "id"}
            listed = item.get("topics")
            topics[item["id"]] = tuple(t for t in listed if isinstance(t, str)) \
                if isinstance(listed, list) else ()
    source = _digest({name: value for name, value in data.items()
                      if name not in ("events", "summary", "added")})
    return _Article(defined, topics, frozenset(cites), source)


class _Reader:
    """Reads one content folder's history (see the module's description)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def git(self, *arguments: str) -> subprocess.CompletedProcess[bytes] | None:
        """Run git in the content folder (never through a shell); None if it cannot run."""
        try:
            return subprocess.run(["git", *_OPTIONS, "-C", str(self.folder), *arguments],
                                  capture_output=True, stdin=subprocess.DEVNULL,
                                  env=_environment(), timeout=GIT_TIMEOUT, check=False)
        except (OSError, subprocess.SubprocessError):
            return None

    def head(self) -> str:
        """The commit checked out, "" if none."""
        done = self.git("rev-parse", "-q", "--verify", "HEAD")
        return done.stdout.decode("ascii", "replace").strip() \
            if done is not None and done.returncode == 0 else ""

    def read(self) -> History:
        if shutil.which("git") is None:
            return unavailable(NO_GIT)
        if not self.folder.is_dir():
            return unavailable(NO_REPOSITORY)
        where = self.git("rev-parse", "--is-shallow-repository", "--show-prefix")
        if where is None or where.returncode != 0:
            # Not a repository; or one git refuses to read (another user's, say).
            return unavailable(NO_REPOSITORY if where is None or b"not a git repository"
                               in where.stderr else UNREADABLE)
        lines = where.stdout.decode("utf-8", "surrogateescape").split("\n")
        shallow, prefix = lines[0] == "true", lines[1] if len(lines) > 1 else ""
        head = self.head()
        if not head:
            return unavailable(NO_COMMIT)
        log = self.git("log", "-z", "--raw", "--no-renames", "--no-merges", "--root",
                       "--relative", "--no-abbrev", "--no-color", "--no-ext-diff",
                       "--no-textconv", "--no-show-signature", "--format=%x00%H %ct %P",
                       "--", ".")
        if log is None or log.returncode != 0:
            return unavailable(UNREADABLE)
        commits = list(reversed(list(_commits(log.stdout, shallow=shallow))))
        if shallow and all(commit.graft for commit in commits):
            return unavailable(SHALLOW)
        status = self.git("status", "--porcelain=v1", "-z", "--untracked-files=all",
                          "--no-renames", "--ignored=no", "--", ".")
        changed = _status_paths(status.stdout if status is not None and
                                status.returncode == 0 else b"", prefix)
        objects = self.objects(commits)
        try:
            walk = _Walk(commits, objects)
            walk.run()
        except (OSError, subprocess.SubprocessError, ValueError, StopIteration):
            return unavailable(UNREADABLE)
        finally:
            objects.close()
        pending = walk.pending(self.folder, changed)
        grafts = [commit.day for commit in commits if commit.graft]
        return walk.history(
            "truncated" if grafts else "complete", SHALLOW if grafts else "",
            min(grafts) if grafts else None,
            (head, tuple(sorted((event, change) for event, change in pending.items()))))

    def objects(self, commits: list[_Commit]) -> Generator[bytes | None, None, None]:
        """The contents of every object the walk asks for, in its order (see _Walk.wanted),
        from one ``git cat-file --batch`` fed by a thread while this one reads."""
        wanted = list(_Walk.wanted(commits))
        if not wanted:
            return
        process = subprocess.Popen(
            ["git", *_OPTIONS, "-C", str(self.folder), "cat-file", "--batch"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=_environment())
        assert process.stdin is not None and process.stdout is not None

        def feed(pipe: IO[bytes]) -> None:
            try:
                pipe.write(b"".join(sha + b"\n" for sha in wanted))
                pipe.close()
            except OSError:
                pass  # the reader stopped: it says why

        writer = threading.Thread(target=feed, args=(process.stdin,), daemon=True)
        writer.start()
        out = process.stdout
        try:
            for _ in wanted:
                header = out.readline()
                parts = header.split()
                if len(parts) == 2 and parts[1] == b"missing":
                    yield None
                    continue
                if len(parts) != 3 or not parts[2].isdigit():
                    raise ValueError("git cat-file answered out of turn")
                size = int(parts[2])
                if size > MAX_FILE_BYTES and parts[1] == b"blob":
                    # Too large for the reader anyway: skipped without being held.
                    left = size + 1
                    while left:
                        chunk = out.read(min(left, 1 << 20))
                        if not chunk:
                            raise ValueError("git cat-file stopped")
                        left -= len(chunk)
                    yield None
                    continue
                data = out.read(size + 1)
                if len(data) != size + 1:
                    raise ValueError("git cat-file stopped")
                yield data[:size]
        finally:
            out.close()
            process.wait()
            writer.join()


def _commits(log: bytes, *, shallow: bool) -> Iterator[_Commit]:
    """The commits of ``git log -z --raw --format=%x00%H %ct %P``, newest first.

    Paths follow the entry they belong to, so a path that looks like anything is read as a
    path; nothing else in the stream is free text.
    """
    tokens = iter(log.split(b"\0"))
    commit: _Commit | None = None
    for token in tokens:
        raw = _RAW.fullmatch(token)
        if raw is not None:
            path = os.fsdecode(next(tokens, b""))
            if commit is not None and (_ARTICLE.fullmatch(path) or _TOPIC.fullmatch(path)):
                old_mode, new_mode, old, new, _ = raw.groups()
                commit.files.append((path, old if old_mode in _FILE_MODES else b"",
                                     new if new_mode in _FILE_MODES else b""))
            continue
        header = _HEADER.fullmatch(token)
        if header is not None:
            if commit is not None:
                yield commit
            sha, seconds, parents = header.groups()
            commit = _Commit(sha, datetime.fromtimestamp(int(seconds), UTC).date(),
                             graft=shallow and not parents.strip())
    if commit is not None:
        yield commit


def _status_paths(status: bytes, prefix: str) -> list[str]:
    """The content files ``git status --porcelain -z`` names (from the repository's top),
    as paths from the content folder."""
    found = []
    for entry in status.split(b"\0"):
        if len(entry) > 3:
            path = os.fsdecode(entry[3:])
            if path.startswith(prefix):
                relative = path[len(prefix):]
                if _ARTICLE.fullmatch(relative) or _TOPIC.fullmatch(relative):
                    found.append(relative)
    return found


def _null(sha: bytes) -> bool:
    return not sha.strip(b"0")


class _Walk:
    """Goes through the commits oldest first, comparing each file's version with the one
    before it, and keeps each event's changes and each topic's last change."""

    def __init__(self, commits: list[_Commit], objects: Iterator[bytes | None]) -> None:
        self.commits = commits
        self.objects = objects
        # Each path's last readable version, and the blob it came from.
        self.current: dict[str, tuple[bytes, _Version]] = {}
        self.changes: dict[str, list[Change]] = defaultdict(list)
        self.truncated: set[str] = set()
        self.topic_days: dict[str, date] = {}
        self.event_topics: dict[str, tuple[str, ...]] = {}
        self.pending_topics: set[str] = set()
        self.pending_changes: dict[str, Change] = {}

    @staticmethod
    def wanted(commits: list[_Commit]) -> Iterator[bytes]:
        """The objects :meth:`run` reads, in its order: each commit (for its subject), then
        for each file the version before (unless it is the last one read of that path) and
        the version after."""
        last: dict[str, bytes] = {}
        for commit in commits:
            yield commit.sha
            for path, old, new in commit.files:
                if old and not _null(old) and last.get(path) != old:
                    yield old
                if new and not _null(new):
                    yield new
                    last[path] = new

    def version(self, path: str) -> _Version:
        """The next object read, as a version of ``path``."""
        data = next(self.objects)
        return _reduce(path, parse_version(data, path)) if data is not None else None

    def run(self) -> None:
        last: dict[str, bytes] = {}
        for commit in self.commits:
            subject = clean_subject(_subject(next(self.objects)))
            before: list[_Version] = []
            after: list[_Version] = []
            for path, old, new in commit.files:
                old_version: _Version = None
                if old and not _null(old):
                    if last.get(path) != old:
                        old_version = self.version(path)
                    if old_version is None and path in self.current:
                        # Not readable (or the one just read): the last readable version.
                        old_version = self.current[path][1]
                new_version: _Version = None
                if new and not _null(new):
                    last[path] = new
                    new_version = self.version(path)
                    if new_version is None:
                        continue  # not readable: compared at the next readable version
                    self.current[path] = (new, new_version)
                else:
                    self.current.pop(path, None)
                before.append(old_version)
                after.append(new_version)
                self.topic_file(path, old_version, new_version, commit)
            self.compare(before, after, commit, subject)

    def topic_file(self, path: str, old: _Version, new: _Version, commit: _Commit) -> None:
        if not _TOPIC.fullmatch(path) or old == new or commit.graft:
            return
        if isinstance(old, int) or isinstance(new, int):
            topic = path.rsplit("/", 1)[-1].removesuffix(".yml")
            self.topic_days[topic] = commit.day

    def compare(self, before: list[_Version], after: list[_Version], commit: _Commit | None,
                subject: str) -> None:
        """Record what changed in each event between the versions of a commit's files (or of
        the working tree's, without a commit)."""
        old = _Side(v for v in before if isinstance(v, _Article))
        new = _Side(v for v in after if isinstance(v, _Article))
        for event in sorted(old.defined.keys() | new.defined.keys() | old.roles.keys()
                            | new.roles.keys()):
            topics = set(old.topics.get(event, ())) | set(new.topics.get(event, ()))
            if event in new.topics:
                self.event_topics[event] = new.topics[event]
            topics |= set(self.event_topics.get(event, ()))
            kind: Kind
            fields: tuple[str, ...] = ()
            if event in new.defined and event not in old.defined:
                kind = "added"
            elif event in old.defined and event not in new.defined:
                kind = "removed"
            else:
                kind = "changed"
                was, now = old.defined.get(event, {}), new.defined.get(event, {})
                fields = tuple(sorted(name for name in was.keys() | now.keys()
                                      if was.get(name) != now.get(name)))
                if old.roles.get(event, set()) != new.roles.get(event, set()):
                    fields = tuple(sorted((*fields, "sources")))
                if not fields:
                    continue
            if commit is None:
                self.pending_changes[event] = Change(kind, fields)
                self.pending_topics |= topics
            elif commit.graft:
                self.truncated.add(event)
            else:
                self.changes[event].append(Change(kind, fields, commit.day, subject))
                for topic in topics:
                    self.topic_days[topic] = commit.day

    def pending(self, folder: Path, paths: Iterable[str]) -> dict[str, Change]:
        """The changes of the working tree's files since the last commit."""
        before: list[_Version] = []
        after: list[_Version] = []
        for path in paths:
            old = self.current.get(path, (b"", None))[1]
            target = folder.joinpath(*path.split("/"))
            new: _Version = None
            if os.path.lexists(target):
                document = read_file(target, "topic" if _TOPIC.fullmatch(path) else "article",
                                     [])
                if document is None:
                    continue  # not readable: the check says why
                new = _reduce(path, document.data)
            if isinstance(old, int) or isinstance(new, int):
                if old != new:
                    self.pending_topics.add(path.rsplit("/", 1)[-1].removesuffix(".yml"))
                continue
            before.append(old)
            after.append(new)
        self.compare(before, after, None, "")
        return dict(self.pending_changes)

    def history(self, state: State, reason: str, since: date | None,
                key: tuple[object, ...]) -> History:
        events = {}
        for event in self.changes.keys() | self.truncated | self.pending_changes.keys():
            changes = list(reversed(self.changes.get(event, [])))
            if event in self.pending_changes:
                changes.insert(0, self.pending_changes[event])
            events[event] = EventHistory(tuple(changes), event in self.truncated)
        topics = {topic: TopicHistory(self.topic_days.get(topic), topic in self.pending_topics)
                  for topic in self.topic_days.keys() | self.pending_topics}
        return History(state, reason, since, events, topics, key)


class _Side:
    """The events of one side of a comparison (before or after), over a commit's files."""

    def __init__(self, versions: Iterable[_Article]) -> None:
        self.defined: dict[str, dict[str, int]] = {}
        self.topics: dict[str, tuple[str, ...]] = {}
        # What each article shows on the event's card, and whether it defines or cites it:
        # not its file's name, so that a renamed file changes nothing.
        self.roles: dict[str, set[tuple[bool, int]]] = defaultdict(set)
        for version in versions:
            for event, fields in version.defined.items():
                self.defined.setdefault(event, fields)
                self.topics.setdefault(event, version.topics[event])
                self.roles[event].add((True, version.source))
            for event in version.cites:
                self.roles[event].add((False, version.source))


def _subject(commit: bytes | None) -> str:
    """A commit's subject as git gives it (``%s``): its message's first paragraph on one line."""
    if commit is None:
        return ""
    _, _, message = commit.partition(b"\n\n")
    paragraph = message.lstrip(b"\n").split(b"\n\n", 1)[0]
    return paragraph.decode("utf-8", "replace").replace("\n", " ")
