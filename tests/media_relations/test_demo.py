import pytest
from django.core.management import call_command

from humas.roles import VERIFIED_JOURNALISTS
from media_relations.models import DistributionList, Journalist, Outlet

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_outlets_verified_and_pending_journalists_and_a_list_once() -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Outlet.objects.count(), Journalist.objects.count(), DistributionList.objects.count())
    assert Journalist.objects.filter(verification="verified", user__groups__name=VERIFIED_JOURNALISTS).count() >= 2
    assert Journalist.objects.filter(verification="pending").count() == 1
    assert DistributionList.objects.get().members.count() == Journalist.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Outlet.objects.count(), Journalist.objects.count(), DistributionList.objects.count()) == counts
