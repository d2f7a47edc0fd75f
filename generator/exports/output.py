"""Where export files go: into memory (``render_exports``) or onto disk (``write_exports``).

Every format writes its files through an :class:`Output`, piece by piece, so the two entry
points run exactly the same code and cannot produce different bytes. A format may keep several
files open at once: the data formats fill the site-wide file and its topics' files in a single
pass over the events, so that each event is serialised once and then forgotten.
"""

from __future__ import annotations

import io
import json
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path
    from typing import BinaryIO

# The C encoder (no ``indent``) is many times faster than the pure-Python one that ``indent``
# selects; files stay readable because every record gets a line of its own (JsonWriter).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def encode_json(value: object) -> bytes:
    """One JSON value on one line: UTF-8, compact, keys in the order given, no newline.

    Non-ASCII text stays as itself; JSON escapes quotes, backslashes and control characters
    (a line break in a summary becomes ``\\n``, so a record never spans lines).
    """
    return _ENCODER.encode(value).encode("utf-8")


class Output(ABC):
    """A set of files being written, each opened with :meth:`create`."""

    @abstractmethod
    def create(self, path: str) -> AbstractContextManager[BinaryIO]:
        """Open the file at ``path`` (relative, "/"-separated) for writing, as a context."""

    @staticmethod
    def check_path(path: str) -> None:
        """Refuse a path that could leave the output's folder (paths are built from ids)."""
        parts = path.split("/")
        if not path or path.startswith("/") or "\\" in path or any(
                part in {"", ".", ".."} for part in parts):
            raise ValueError(f"not a relative export path: {path!r}")


class MemoryOutput(Output):
    """Files kept as bytes in :attr:`files`, for tests and small uses."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    @contextmanager
    def create(self, path: str) -> Iterator[BinaryIO]:
        """A buffer stored under ``path`` once the block ends without an error."""
        self.check_path(path)
        if path in self.files:
            raise ValueError(f"{path} is written twice")
        buffer = io.BytesIO()
        yield buffer
        self.files[path] = buffer.getvalue()


class DirectoryOutput(Output):
    """Files written under a folder, streamed: only the file object's buffer is in memory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: list[str] = []

    @contextmanager
    def create(self, path: str) -> Iterator[BinaryIO]:
        """The file ``root/path``, its folders created, truncated if it exists."""
        self.check_path(path)
        if path in self.written:
            raise ValueError(f"{path} is written twice")
        target = self.root.joinpath(*path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            yield handle
        self.written.append(path)


class JsonWriter:
    """One JSON object written piece by piece, one record per line, for readable diffs.

    The layout is ``{<head keys>,\\n"key":[\\n<record>,\\n<record>\\n],\\n"other":...\\n}\\n``:
    the scalar keys that come first share the first line, then every array has one item per
    line. Keys are written in the order of the calls, so documented key orders are kept.
    """

    def __init__(self, sink: BinaryIO, head: dict[str, Any]) -> None:
        self.sink = sink
        self.items = -1  # -1: not inside an array
        inner = encode_json(head)[1:-1]
        sink.write(b"{" + inner)
        self.fields = 1 if inner else 0

    def _key(self, key: str) -> None:
        self.sink.write((b",\n" if self.fields else b"") + encode_json(key) + b":")
        self.fields += 1

    def field(self, key: str, value: object) -> None:
        """A key and its value on a line of their own."""
        self._key(key)
        self.sink.write(encode_json(value))

    def begin(self, key: str) -> None:
        """Start an array under ``key``; add its items with :meth:`item`, end with :meth:`end`."""
        self._key(key)
        self.sink.write(b"[")
        self.items = 0

    def item(self, data: bytes) -> None:
        """One array item, already encoded (:func:`encode_json`), on its own line."""
        self.sink.write((b",\n" if self.items else b"\n") + data)
        self.items += 1

    def end(self) -> None:
        """Close the current array (``[]`` when empty)."""
        self.sink.write(b"\n]" if self.items else b"]")
        self.items = -1

    def array(self, key: str, items: Iterable[bytes]) -> None:
        """A whole array of encoded items."""
        self.begin(key)
        for data in items:
            self.item(data)
        self.end()

    def close(self) -> None:
        """End the object, and the file with a newline."""
        self.sink.write(b"\n}\n")
