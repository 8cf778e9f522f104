from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Award decisions")

    def ready(self):
        from decisions.selectors import home_panel
        from nominations.views_home import HOME_PANELS

        if home_panel not in HOME_PANELS:
            HOME_PANELS.append(home_panel)
