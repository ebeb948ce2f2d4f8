from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HumasConfig(AppConfig):
    name = "humas"
    verbose_name = _("Inti Portal Humas")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="humas.sync_roles")


def _sync_roles_after_migrate(sender: AppConfig, **kwargs: Any) -> None:
    from django.apps import apps

    from humas.roles import sync_roles

    # post_migrate fires per app; sync once, after the last app has created its permissions.
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not with_models[-1]:
        return
    sync_roles()
