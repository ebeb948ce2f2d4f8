from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from humas import audit
from humas.models import AuditEntry, Unit
from humas.roles import Role
from tests.factories.humas import UnitFactory

pytestmark = pytest.mark.django_db


def test_record_keeps_who_what_from_which_state_to_which(make_staff) -> None:
    actor = make_staff(Role.EDITOR)
    unit = UnitFactory(name="Dinas Perhubungan", short_name="Dishub")
    entry = audit.record(
        actor=actor, obj=unit, action="humas.unit.deactivate", old="aktif", new="nonaktif", note="Digabung"
    )
    entry.refresh_from_db()
    assert entry.actor == actor
    assert entry.target == unit
    assert (entry.old_state, entry.new_state, entry.note) == ("aktif", "nonaktif", "Digabung")
    assert entry.object_repr == "Dinas Perhubungan"
    assert list(audit.history_for(unit)) == [entry]


def test_public_actor_is_recorded_by_label() -> None:
    unit = UnitFactory()
    entry = audit.record(actor=None, actor_label="Pemohon", obj=unit, action="ppid.request.submit")
    assert entry.actor is None
    assert entry.actor_name == "Pemohon"


def test_audit_entries_cannot_be_updated_or_deleted_even_with_raw_sql() -> None:
    entry = audit.record(actor=None, obj=UnitFactory(), action="humas.test", new="x")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE humas_auditentry SET new_state = 'y' WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.new_state == "x"


def test_saving_an_existing_entry_again_is_refused() -> None:
    entry = audit.record(actor=None, obj=UnitFactory(), action="humas.test")
    entry.note = "diubah"
    with pytest.raises(ValueError):
        entry.save()


def test_audit_page_filters_by_module_and_text(client, login_as) -> None:
    admin = login_as(Role.HUMAS_ADMIN)
    unit = UnitFactory(name="Badan Penanggulangan Bencana Daerah", short_name="BPBD")
    audit.record(actor=admin, obj=unit, action="ppid.request.transition", new="diproses", note="Ditugaskan ke BPBD")
    audit.record(actor=admin, obj=unit, action="releases.release.approve", new="disetujui")

    response = client.get(reverse("humas:audit"), {"app": "ppid"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "ppid.request.transition" in body
    assert "releases.release.approve" not in body

    response = client.get(reverse("humas:audit"), {"q": "Ditugaskan"})
    assert "ppid.request.transition" in response.content.decode()
    assert "releases.release.approve" not in response.content.decode()


def test_audit_page_rejects_reversed_date_range_with_a_clear_message(client, login_as) -> None:
    login_as(Role.HUMAS_ADMIN)
    today = timezone.localdate()
    response = client.get(reverse("humas:audit"), {"date_from": today, "date_to": today - timedelta(days=3)})
    assert "Tanggal awal harus sebelum tanggal akhir." in response.content.decode()


def test_audit_page_query_count_does_not_grow_with_entries(client, login_as, django_assert_max_num_queries) -> None:
    admin = login_as(Role.HUMAS_ADMIN)
    for index in range(60):
        unit = Unit.objects.create(name=f"Unit {index}", short_name=f"U{index}", slug=f"u-{index}")
        audit.record(actor=admin, obj=unit, action="humas.unit.create", new="aktif")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("humas:audit"))
    assert response.status_code == 200
    assert response.content.decode().count("humas.unit.create") == 50  # first page
