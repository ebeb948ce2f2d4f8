"""Signal receivers of the social channels, connected when the releases app is ready."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from releases.channels import services, tasks  # noqa: F401 (tasks: registered with every worker)
from releases.models import Release
from releases.signals import release_approval_check, release_published, release_withdrawn


@receiver(release_published, dispatch_uid="channels.release_published")
def queue_deliveries(sender: type[Release], release: Release, **kwargs: Any) -> None:
    services.deliveries_create(release=release)


@receiver(release_withdrawn, dispatch_uid="channels.release_withdrawn")
def withdraw_posts(sender: type[Release], release: Release, **kwargs: Any) -> None:
    services.deliveries_withdraw(release=release)


@receiver(release_approval_check, dispatch_uid="channels.release_approval_check")
def check_versions(sender: type[Release], release: Release, **kwargs: Any) -> list[str]:
    return services.approval_problems(release)
