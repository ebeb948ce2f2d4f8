"""Fan-out from releases to other parts of the portal (social channels, journalist alerts).

Both signals are sent *inside* the transaction that changes the release, so receivers write
their own outbox rows atomically with it and queue work with ``transaction.on_commit``.
"""

from django.dispatch import Signal

# A release has just become visible to the public (published now, or its scheduled or
# embargo time was reached). kwargs: release
release_published = Signal()

# A published release was withdrawn. kwargs: release, reason
release_withdrawn = Signal()
