"""Routes of the media-relations app that need no staff role (see tests/security/test_routes.py)."""

PUBLIC = {
    "media_relations:index",
}
SIGNED_IN: set[str] = set()
CSRF_EXEMPT: dict[str, str] = {}
# media-b: the RSVP token link from invitation mails.
PUBLIC |= {"media_relations:event-rsvp"}
SIGNED_IN |= {"media_relations:my-invitations"}
