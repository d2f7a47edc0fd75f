"""The day of the check, the only date Annals reads from the clock, and only to refuse dates.

A curation date (``added``) or a publication date after it cannot be true yet, and an ``added``
far in the future would pin every feed and the home page's recent additions. The check refuses
them; the pages never depend on the day they are built.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta

ALLOWANCE = timedelta(days=1)
"""How far after the day of the check (in UTC) a date may be: a curator east of Greenwich may
already be on the next day."""


TODAY_VARIABLE = "ANNALS_TODAY"
"""An environment variable holding the day of the check as YYYY-MM-DD: a fixed clock for tests
and for checking an old commit as it was checked then."""


def check_day() -> date:
    """Today in UTC; else the day ``ANNALS_TODAY`` says, or that of ``SOURCE_DATE_EPOCH`` (the
    reproducible-builds convention), when either is set."""
    fixed = os.environ.get(TODAY_VARIABLE, "").strip()
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            pass  # an unreadable setting is ignored rather than failing every check
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return datetime.now(UTC).date()


def latest_allowed(today: date | None = None) -> date:
    """The latest day a publication or curation date may be."""
    return (today or check_day()) + ALLOWANCE
