"""Press conferences and media events (jumpa pers): the event, its invitations and RSVPs."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Event", "Invitation", "hash_token"]

MAX_CREW = 10


def hash_token(token: str) -> str:
    """Invitation tokens are stored as SHA-256 digests: a database leak opens no RSVP link."""
    return hashlib.sha256(token.encode()).hexdigest()


class Event(models.Model):
    title = models.CharField(_("judul acara"), max_length=200)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=250, blank=True)
    online_url = models.URLField(_("tautan daring"), blank=True)
    host_officials = models.TextField(
        _("pejabat narasumber"), blank=True, help_text=_("Satu nama dan jabatan per baris.")
    )
    topics = models.TextField(_("topik"), blank=True)
    releases = models.ManyToManyField(
        "releases.Release", verbose_name=_("siaran pers terkait"), blank=True, related_name="media_events"
    )
    capacity = models.PositiveIntegerField(
        _("kapasitas (orang)"), null=True, blank=True, help_text=_("Kosongkan bila tidak dibatasi.")
    )
    # iCalendar SEQUENCE: bumped when time or place changes, so calendars replace the entry.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("acara media")
        verbose_name_plural = _("acara media")
        permissions = [("checkin_event", _("Mencatat kehadiran acara media"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="media_event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~models.Q(place="") | ~models.Q(online_url=""), name="media_event_has_place_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    class Response(models.TextChoices):
        PENDING = "pending", _("Belum menjawab")
        YES = "yes", _("Hadir")
        MAYBE = "maybe", _("Mungkin")
        NO = "no", _("Tidak hadir")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    journalist = models.ForeignKey(
        "media_relations.Journalist", on_delete=models.CASCADE, related_name="event_invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    response = models.CharField(_("jawaban"), max_length=8, choices=Response.choices, default=Response.PENDING)
    crew_count = models.PositiveSmallIntegerField(_("jumlah kru pendamping"), default=0)
    responded_at = models.DateTimeField(_("dijawab"), null=True, blank=True)
    sent_at = models.DateTimeField(_("undangan terkirim"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("pengingat terkirim"), null=True, blank=True)
    # The event's sequence this guest last received: lower than the event's means a change to mail.
    notified_sequence = models.PositiveIntegerField(default=0)
    checked_in_at = models.DateTimeField(_("hadir pada"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["journalist__name"]
        verbose_name = _("undangan acara")
        verbose_name_plural = _("undangan acara")
        constraints = [
            models.UniqueConstraint(fields=["event", "journalist"], name="media_invitation_once_per_event"),
            models.CheckConstraint(condition=models.Q(crew_count__lte=MAX_CREW), name="media_invitation_crew_max"),
            models.CheckConstraint(
                condition=models.Q(response="pending") | models.Q(responded_at__isnull=False),
                name="media_invitation_response_has_time",
            ),
        ]
        indexes = [models.Index(fields=["event", "response"], name="media_invitation_event_resp")]

    def __str__(self) -> str:
        return f"{self.event} — {self.journalist}"

    @property
    def seats(self) -> int:
        """Seats this invitation takes: the journalist plus their crew, when coming."""
        return 1 + self.crew_count if self.response == self.Response.YES else 0
