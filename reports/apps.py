from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Statistics and reports")

    def ready(self):
        from campaigns.views.campaigns import PAGE_LINKS
        from reports.services import campaign_page_links

        if campaign_page_links not in PAGE_LINKS:
            PAGE_LINKS.append(campaign_page_links)
