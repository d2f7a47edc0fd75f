"""Work in a forked process: results on disk, failures reported with their message."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from generator.background import Background, BackgroundError

if TYPE_CHECKING:
    from pathlib import Path


def write(path: Path) -> None:
    path.write_text(str(os.getpid()), encoding="utf-8")


@pytest.mark.parametrize("fork", [True, False])
def test_the_work_is_done_by_the_time_wait_returns(tmp_path: Path, fork: bool) -> None:
    target = tmp_path / "out.txt"
    job = Background(lambda: write(target), fork=fork)
    job.wait()
    ran_in = int(target.read_text(encoding="utf-8"))
    assert (ran_in != os.getpid()) == (fork and hasattr(os, "fork"))


@pytest.mark.parametrize("fork", [True, False])
def test_an_expected_failure_reaches_wait_with_its_message_only(fork: bool) -> None:
    def fail() -> None:
        raise ValueError("unsafe base URL 'javascript:x'")

    job = Background(fail, fork=fork)
    with pytest.raises(BackgroundError) as raised:
        job.wait()
    assert str(raised.value) == "unsafe base URL 'javascript:x'"


def test_an_unexpected_failure_in_the_forked_process_carries_its_traceback() -> None:
    def bug() -> None:
        raise KeyError("missing")

    with pytest.raises(BackgroundError, match=r"(?s)'missing'.*Traceback.*KeyError"):
        Background(bug).wait()


def test_cancel_stops_the_process_and_nothing_is_left(tmp_path: Path) -> None:
    import time

    target = tmp_path / "late.txt"

    def slow() -> None:
        time.sleep(30)
        write(target)

    job = Background(slow)
    assert job.pid is not None
    pid = job.pid
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie left behind
    assert not target.exists()
