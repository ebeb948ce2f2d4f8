"""Routes of the PPID app that need no staff role (see tests/security/test_routes.py)."""

PUBLIC = {
    "ppid:index",
    "ppid:request",
    "ppid:status",
    "ppid:dip",
    "ppid:performance",
    "ppid:service-info",
    # Token links: the unguessable token in the path is the permission (404 for a wrong one).
    "ppid:track",
    "ppid:track-receipt",
    "ppid:track-notice",
    "ppid:track-document",
    "ppid:track-objection",
    "ppid:track-objection-letter",
    "ppid:track-dispute",
}
