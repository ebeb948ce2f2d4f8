"""Routes of the visits app that need no staff role (see tests/security/test_routes.py)."""

PUBLIC = {
    "visits:index",
}
SIGNED_IN: set[str] = set()
CSRF_EXEMPT: dict[str, str] = {}
