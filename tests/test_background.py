"""Work in a forked process: results on disk, failures reported with their message."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

from generator.background import Background, can_fork
from tests.conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path


def write(path: Path) -> None:
    path.write_text(str(os.getpid()), encoding="utf-8")


def in_a_fresh_process(code: str) -> str:
    """Run ``code`` in a new interpreter and return what it printed: a test process may have
    threads (the browser tests leave some), and then Background rightly does not fork."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_work_runs_in_another_process_and_is_done_when_wait_returns(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    printed = in_a_fresh_process(f"""
        import os
        from pathlib import Path
        from generator.background import Background, can_fork
        job = Background(lambda: Path({str(target)!r}).write_text(str(os.getpid())))
        forked = job.pid is not None
        job.wait()
        print(can_fork(), forked, Path({str(target)!r}).read_text() != str(os.getpid()))
        """)
    assert printed == "True True True"


def test_without_fork_the_work_runs_in_the_caller_at_wait(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    job = Background(lambda: write(target), fork=False)
    assert not target.exists()
    job.wait()
    assert int(target.read_text(encoding="utf-8")) == os.getpid()


@pytest.mark.parametrize("fork", [True, False])
def test_an_expected_failure_reaches_wait_with_its_message_only(fork: bool) -> None:
    printed = in_a_fresh_process(f"""
        from generator.background import Background, BackgroundError
        def fail():
            raise ValueError("unsafe base URL 'javascript:x'")
        job = Background(fail, fork={fork})
        try:
            job.wait()
        except BackgroundError as error:
            print(repr(str(error)), job.pid is None)
        """)
    assert printed == "\"unsafe base URL 'javascript:x'\" True"


@pytest.mark.parametrize("fork", [True, False])
def test_an_unexpected_failure_carries_its_traceback(fork: bool) -> None:
    printed = in_a_fresh_process(f"""
        from generator.background import Background, BackgroundError
        def bug():
            raise KeyError("missing")
        try:
            Background(bug, fork={fork}).wait()
        except BackgroundError as error:
            print(str(error))
        """)
    assert printed.startswith("'missing'")
    assert "Traceback" in printed and "KeyError" in printed


def test_cancel_stops_the_process_and_leaves_no_zombie(tmp_path: Path) -> None:
    target = tmp_path / "late.txt"
    printed = in_a_fresh_process(f"""
        import os, time
        from pathlib import Path
        from generator.background import Background
        def slow():
            time.sleep(30)
            Path({str(target)!r}).write_text("late")
        job = Background(slow)
        pid = job.pid
        job.cancel()
        try:
            os.waitpid(pid, os.WNOHANG)
            print("still there")
        except ChildProcessError:
            print("reaped", job.pid)
        """)
    assert printed == "reaped None"
    assert not target.exists()


def test_with_another_thread_running_the_work_runs_in_the_caller(tmp_path: Path) -> None:
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not can_fork()
        target = tmp_path / "out.txt"
        job = Background(lambda: write(target))
        assert job.pid is None and not target.exists()  # not started: done at wait()
        job.wait()
        assert int(target.read_text(encoding="utf-8")) == os.getpid()
    finally:
        release.set()
        other.join()


def test_a_failed_build_makes_the_next_preview_rebuild_every_page() -> None:
    from generator.plugin import AnnalsPlugin

    plugin = AnnalsPlugin()
    plugin.signatures = {"topics/thaad.md": 1}
    plugin.pending_signatures = {"topics/thaad.md": 2}
    plugin.on_build_error(error=RuntimeError("a hook failed"))
    # Nothing from the failed build is trusted: no page counts as unchanged next time.
    assert plugin.signatures == {} and plugin.pending_signatures == {}
    plugin.pending_signatures = {"topics/thaad.md": 3}
    plugin.config = type("Config", (), {"search": "material"})()
    plugin.on_post_build(config=None)  # type: ignore[arg-type]
    assert plugin.signatures == {"topics/thaad.md": 3}
