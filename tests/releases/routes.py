"""Routes of the releases app that need no staff role (see tests/security/test_routes.py)."""

PUBLIC = {
    "releases:index",
    "releases:detail",
    "releases:feed-rss",
    "releases:feed-atom",
    "sitemap",
    "robots",
}
