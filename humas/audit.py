"""The one audit trail. Every app calls ``record`` inside the transaction of each state change."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from humas.models import AuditEntry, User


def record(
    *,
    actor: User | None,
    obj: models.Model,
    action: str,
    old: str = "",
    new: str = "",
    note: str = "",
    actor_label: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry: who (``actor``, or ``actor_label`` for people without an account)
    did ``action`` (dotted, e.g. ``ppid.request.transition``) to ``obj``, from ``old`` to ``new``."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=actor_label,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        old_state=str(old),
        new_state=str(new),
        note=note,
        data=data or {},
    )


def history_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """The trail of one object, newest first, with actors loaded in the same query."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return AuditEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)).select_related("actor")
