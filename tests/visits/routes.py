"""Routes of the visits app that need no staff role (see tests/security/test_routes.py)."""

PUBLIC = {
    "visits:index",
    "visits:calendar",
    "visits:request",
    # Token links: the unguessable token in the URL is the key; a wrong one gives 404.
    "visits:status",
    "visits:status-respond",
    "visits:status-reschedule",
    "visits:status-cancel",
    "visits:status-letter",
    "visits:status-ics",
    "visits:offer",
    "visits:feed",
}
SIGNED_IN: set[str] = set()
CSRF_EXEMPT: dict[str, str] = {}
