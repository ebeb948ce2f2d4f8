from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_MODELS = ("outlet", "journalist", "beat", "distributionlist", "sending")


class MediaRelationsConfig(AppConfig):
    name = "media_relations"
    verbose_name = _("Hubungan Media")

    @property
    def role_permissions(self) -> dict[str, set[str]]:
        from humas.roles import Role  # needs the auth models, loaded after the app registry

        codes = {f"media_relations.{verb}_{model}" for model in _MODELS for verb in ("view", "add", "change", "delete")}
        codes |= {"media_relations.view_journalist_contact", "media_relations.view_sendingrecipient"}
        return {Role.MEDIA_OFFICER: codes}

    staff_nav = [
        (_("Direktori wartawan"), "media_relations:staff-journalists", "media_relations.view_journalist"),
        (_("Media"), "media_relations:staff-outlets", "media_relations.view_outlet"),
        (_("Distribusi siaran pers"), "media_relations:staff-sendings", "media_relations.view_sending"),
    ]
    dashboard_panels = "media_relations.dashboard.panels"
