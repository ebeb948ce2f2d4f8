"""Routes of the PPID app that need no staff role (see tests/security/test_routes.py)."""

PUBLIC = {
    "ppid:index",
    "ppid:request",
    "ppid:status",
    "ppid:dip",
    "ppid:performance",
    "ppid:service-info",
}
