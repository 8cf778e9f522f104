from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = _("Nominations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from nominations.deadlines import forget_calendar_now_and_on_commit as forget
        from nominations.models import Holiday, StageTimeLimit

        for model in (Holiday, StageTimeLimit):
            post_save.connect(forget, sender=model, dispatch_uid=f"forget-{model}")
            post_delete.connect(forget, sender=model, dispatch_uid=f"forget-{model}-d")
