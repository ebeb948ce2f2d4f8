"""Fan-out from releases to other parts of the portal (social channels, journalist alerts).

``release_published`` and ``release_withdrawn`` are sent *inside* the transaction that changes
the release, so receivers write their own outbox rows atomically with it and queue work with
``transaction.on_commit``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.dispatch import Signal

if TYPE_CHECKING:
    from releases.models import Release

# A release has just become visible to the public (published now, or its scheduled or
# embargo time was reached). kwargs: release
release_published = Signal()

# A published release was withdrawn. kwargs: release, reason
release_withdrawn = Signal()

# Sent by the approval service before a release is approved. kwargs: release.
# Each receiver returns a list of problems (clear Indonesian sentences); any problem refuses
# the approval, e.g. a social-channel version that does not fit its platform.
release_approval_check = Signal()


def approval_problems(release: Release) -> list[str]:
    """Every problem that the receivers of ``release_approval_check`` find in ``release``."""
    problems: list[str] = []
    for _receiver, found in release_approval_check.send(sender=type(release), release=release):
        problems.extend(found or [])
    return problems
