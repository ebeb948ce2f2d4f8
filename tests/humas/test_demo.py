import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from humas.models import Unit, User
from humas.roles import Role

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for config in apps.get_app_configs()
        if config.label in {"humas", "releases", "media_relations", "ppid", "visits"}
        for model in config.get_models()
    }


def test_seed_demo_gives_every_role_a_user_and_prints_the_logins(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("seed_demo")
    printed = capsys.readouterr().out
    for role in Role:
        group = Group.objects.get(name=role.value)
        assert group.user_set.exists(), role
        assert str(role.label) in printed
    user = User.objects.get(username="redaktur")
    assert user.check_password("humas-redaktur-2026")
    assert "humas-redaktur-2026" in printed
    assert Unit.objects.filter(short_name="Dinkes").exists()


def test_seed_demo_twice_changes_nothing() -> None:
    call_command("seed_demo")
    first = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == first
