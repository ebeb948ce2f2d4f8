"""Periodic jobs of the social channels, to be merged into ``releases/beat.py``'s SCHEDULE."""

from __future__ import annotations

SCHEDULE = {
    # Re-queue stalled or due deliveries, detect lost workers, check unknown outcomes.
    "releases-channels-sweep": {"task": "releases.channels.sweep", "schedule": 30.0},
}
