"""The exclusion constraint under real concurrency: threads with their own connections."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection

from humas.roles import Role
from tests.factories.humas import staff_user
from tests.factories.visits import RoomFactory, jakarta, submit_visit
from visits import services
from visits.models import Visit, VisitEmail, VisitStatus


def _approve_all(visit_ids: list[int], room_id: int, actor_id: int) -> tuple[list[int], list[str]]:
    from humas.models import User

    actor = User.objects.get(pk=actor_id)
    start = jakarta(2026, 3, 12, 9)
    barrier = threading.Barrier(len(visit_ids))
    won: list[int] = []
    messages: list[str] = []
    lock = threading.Lock()

    def approve(visit_id: int) -> None:
        try:
            barrier.wait()
            services.visit_approve(
                visit_id=visit_id, actor=actor, start=start, end=start + timedelta(hours=2), room_id=room_id
            )
            with lock:
                won.append(visit_id)
        except services.VisitError as error:
            with lock:
                messages.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(visit_id,)) for visit_id in visit_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return won, messages


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_of_overlapping_visits_exactly_one_wins() -> None:
    with time_machine.travel(jakarta(2026, 3, 2, 8), tick=True):
        room = RoomFactory(capacity=40)
        for extra in range(8):
            RoomFactory(capacity=40, name=f"Ruang Cadangan {extra}")
        coordinator = staff_user(Role.VISIT_COORDINATOR)
        visits = [submit_visit(institution=f"Instansi {n}").visit for n in range(8)]
        # No request holds the contested room: the race is decided by the constraint alone.
        Visit.objects.update(holds_slot=False, hold_until=None)
        won, messages = _approve_all([v.pk for v in visits], room.pk, coordinator.pk)
    assert len(won) == 1, (won, messages)
    assert messages == ["Ruangan sudah terpakai pada waktu itu, pilih waktu lain"] * 7
    assert Visit.objects.filter(status=VisitStatus.CONFIRMED, room=room).count() == 1


@pytest.mark.celery_worker
def test_confirmation_with_invite_is_sent_by_a_real_worker(celery_worker: None) -> None:
    room = RoomFactory(capacity=40)
    coordinator = staff_user(Role.VISIT_COORDINATOR)
    with time_machine.travel(jakarta(2026, 3, 2, 8), tick=True):
        visit = submit_visit().visit
        services.visit_approve(
            visit_id=visit.pk,
            actor=coordinator,
            start=jakarta(2026, 3, 12, 9),
            end=jakarta(2026, 3, 12, 11),
            room_id=room.pk,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and VisitEmail.objects.filter(sent_at=None).exists():
        time.sleep(0.2)
    assert not VisitEmail.objects.filter(sent_at=None).exists()
    subjects = sorted(message.subject for message in mail.outbox)
    assert any("dikonfirmasi" in subject for subject in subjects)
    confirmed = next(message for message in mail.outbox if "dikonfirmasi" in message.subject)
    assert {name for name, _c, _t in confirmed.attachments} >= {"undangan.ics"}
