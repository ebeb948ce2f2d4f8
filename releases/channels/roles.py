"""The permissions each role needs for the social channels.

The coordinator merges this into ``ReleasesConfig.role_permissions`` (releases/apps.py belongs to
the release workflow); ``tests/releases/channels/test_views.py`` expects exactly this matrix."""

from __future__ import annotations

from humas.roles import Role

ROLE_PERMISSIONS: dict[Role, set[str]] = {
    Role.HUMAS_ADMIN: {
        "releases.view_channel",
        "releases.add_channel",
        "releases.change_channel",
        "releases.test_channel",
        "releases.view_channelversion",
        "releases.view_channeldelivery",
        "releases.retry_channeldelivery",
    },
    Role.EDITOR: {
        "releases.view_channelversion",
        "releases.change_channelversion",
        "releases.view_channeldelivery",
        "releases.retry_channeldelivery",
    },
    Role.WRITER: {"releases.view_channelversion", "releases.view_channeldelivery"},
}
