"""The plugin's handling of the collector around a command's end."""

from __future__ import annotations

import gc

from generator.plugin import AnnalsPlugin


def test_the_command_leaves_what_it_built_to_the_exit() -> None:
    # A last collection, and freeing every object one by one, would make the process's exit
    # take a tenth of a whole build at scale: once the command is done, it is all set aside.
    gc.unfreeze()
    built = [[number] for number in range(1000)]  # what a build leaves alive
    try:
        AnnalsPlugin().on_shutdown()
        assert gc.get_freeze_count() >= len(built)
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
