from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: the benchmark, backup and restore (management commands; no models)."""

    name = "ops"
    verbose_name = _("Operations")
