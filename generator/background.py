"""Run one piece of work in a forked process while the caller goes on: the exports beside the
site build, on a second core.

Writing the feeds and data files needs only the corpus, and the site generator's page building
is single-threaded: forked, the two overlap. The work runs in the caller at ``wait`` instead
where forking is not safe: off Linux (no ``fork`` on Windows; macOS system libraries do not
survive it), and when the process has other threads (a lock one of them holds would stay held
in the child forever). The result is the same either way.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import traceback
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

_MESSAGE_LIMIT = 64 * 1024


def can_fork() -> bool:
    """True where forking this process is safe: Linux, with no other thread running."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork")
            and threading.active_count() == 1)


def _describe(error: BaseException) -> str:
    """The exception's words; with its traceback when it is not one the work expects."""
    message = str(error) or type(error).__name__
    if not isinstance(error, (OSError, ValueError)):
        message += "\n" + "".join(traceback.format_exception(error))
    return message


class BackgroundError(RuntimeError):
    """The work failed; the message says how (the exception's own words)."""


class Background:
    """One call, started now and finished by :meth:`wait`, which raises if it failed.

    The work's exceptions reach ``wait`` as :class:`BackgroundError` carrying the exception's
    message (no traceback: it is meant for people, and an unexpected error is a bug to report
    with the message). Only ``OSError`` and ``ValueError`` are expected from the exports.
    """

    def __init__(self, work: Callable[[], object], *, fork: bool = True) -> None:
        self.work = work
        self.pid: int | None = None
        self.reader: int | None = None
        if fork and can_fork():
            self._start()

    def _start(self) -> None:
        reader, writer = os.pipe()
        # Flushed first, or the child would write the parent's buffered output a second time.
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: do the work, report, and leave without running any cleanup
            os.close(reader)
            status = 0
            try:
                self.work()
            except BaseException as error:  # everything must reach the parent
                status = 1
                os.write(writer, _describe(error).encode("utf-8", "replace")[:_MESSAGE_LIMIT])
            finally:
                os.close(writer)
                os._exit(status)
        os.close(writer)
        self.pid, self.reader = pid, reader

    def wait(self) -> None:
        """Finish the work (or wait for the forked process); raise BackgroundError if it failed."""
        if self.pid is None:
            try:
                self.work()
            except BaseException as error:  # the same report as from a forked process
                raise BackgroundError(_describe(error)) from None
            return
        assert self.reader is not None
        chunks = []
        while chunk := os.read(self.reader, 65536):
            chunks.append(chunk)
        os.close(self.reader)
        _, status = os.waitpid(self.pid, 0)
        self.pid = self.reader = None
        if os.waitstatus_to_exitcode(status) != 0:
            message = b"".join(chunks).decode("utf-8", "replace")
            raise BackgroundError(message or f"the process ended with status {status}")

    def cancel(self) -> None:
        """Stop the forked process, if any (the build failed: its output is not wanted)."""
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        if self.reader is not None:
            os.close(self.reader)
        self.pid = self.reader = None
