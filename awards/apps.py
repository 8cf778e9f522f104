from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from awards.services import campaign_awards_copy, campaign_offers_refused
        from campaigns.services import IMPLEMENT_STEPS, PUBLISH_CHECKS

        if campaign_awards_copy not in IMPLEMENT_STEPS:
            IMPLEMENT_STEPS.append(campaign_awards_copy)
        if campaign_offers_refused not in PUBLISH_CHECKS:
            PUBLISH_CHECKS.append(campaign_offers_refused)
