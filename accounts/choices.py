from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A role is a Django group of this name; a user may hold several."""

    OFFICER = "officer", _("Emulation and commendation officer")
    LEADER = "leader", _("Leader")
    COUNCIL_MEMBER = "council_member", _("Council member")
    ADMIN = "admin", _("Administrator")
