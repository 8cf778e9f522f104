from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    CITY = "city", _("Provincial city")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    TOWNSHIP = "township", _("Township")
    DEPARTMENT = "department", _("Department, board or sector")
    AGENCY = "agency", _("Agency")
    ORGANISATION = "organisation", _("Organisation or mass association")
    ENTERPRISE = "enterprise", _("Enterprise")


class UnitLevel(models.TextChoices):
    """Tier of the administrative tree; the level at which an award is decided."""

    PROVINCE = "province", _("Province level")
    DISTRICT = "district", _("District level")
    COMMUNE = "commune", _("Commune level")


LEVEL_OF_KIND = {
    UnitKind.PROVINCE: UnitLevel.PROVINCE,
    UnitKind.DISTRICT: UnitLevel.DISTRICT,
    UnitKind.CITY: UnitLevel.DISTRICT,
    UnitKind.COMMUNE: UnitLevel.COMMUNE,
    UnitKind.WARD: UnitLevel.COMMUNE,
    UnitKind.TOWNSHIP: UnitLevel.COMMUNE,
}
ADMINISTRATIVE_KINDS = tuple(LEVEL_OF_KIND)

# The word that prefixes a unit's name ("Xã Cao Lâu") and names its committee ("UBND xã").
KIND_WORD = {
    UnitKind.PROVINCE: "tỉnh",
    UnitKind.DISTRICT: "huyện",
    UnitKind.CITY: "thành phố",
    UnitKind.COMMUNE: "xã",
    UnitKind.WARD: "phường",
    UnitKind.TOWNSHIP: "thị trấn",
}


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", _("Emulation cluster")
    BLOC = "bloc", _("Emulation bloc")
