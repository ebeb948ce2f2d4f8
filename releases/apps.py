from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Siaran Pers")

    def ready(self) -> None:
        from releases.channels import receivers  # noqa: F401 (connects the channels' receivers)
