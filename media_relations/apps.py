from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaRelationsConfig(AppConfig):
    name = "media_relations"
    verbose_name = _("Hubungan Media")
