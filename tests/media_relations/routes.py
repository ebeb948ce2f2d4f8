"""Routes of the media-relations app that need no staff role (see tests/security/test_routes.py)."""

PUBLIC = {
    "media_relations:index",
    "media_relations:register",
    "media_relations:register-done",
    "media_relations:confirm",
    "media_relations:click",
    "media_relations:click-presskit",
    "media_relations:unsubscribe",
}
SIGNED_IN: set[str] = {
    "media_relations:account",
    "media_relations:account-delete",
    "media_relations:account-alerts",
    "media_relations:account-invitations",
    "media_relations:account-presskits",
}
CSRF_EXEMPT: dict[str, str] = {
    "media_relations:unsubscribe": (
        "RFC 8058 one-click unsubscribe: the recipient's mail client POSTs List-Unsubscribe=One-Click "
        "with no session or CSRF cookie; the unguessable personal token is the authorisation"
    ),
}
# Press conferences: the RSVP token link from invitation mails, and a journalist's own invitations.
PUBLIC |= {"media_relations:event-rsvp"}
SIGNED_IN |= {"media_relations:my-invitations"}
