"""Thin Celery tasks: they take ids and call the services. No ETA or countdown is ever used:
retry times live in ``ChannelDelivery.next_attempt_at`` and the beat sweep finds what is due."""

from __future__ import annotations

from celery import shared_task

from releases.channels import services


@shared_task(name="releases.channels.deliver")
def deliver(delivery_id: int) -> None:
    services.delivery_run(delivery_id=delivery_id)


@shared_task(name="releases.channels.check_delivery")
def check_delivery(delivery_id: int) -> None:
    services.delivery_check(delivery_id=delivery_id)


@shared_task(name="releases.channels.delete_delivery")
def delete_delivery(delivery_id: int) -> None:
    services.delivery_delete(delivery_id=delivery_id)


@shared_task(name="releases.channels.check_channel")
def check_channel(channel_id: int) -> None:
    services.channel_check(channel_id=channel_id)


@shared_task(name="releases.channels.sweep")
def sweep_deliveries() -> dict[str, int]:
    return services.deliveries_sweep()
