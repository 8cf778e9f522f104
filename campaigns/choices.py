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


class CampaignKind(models.TextChoices):
    """How a campaign runs (DOMAIN.md: chuyên đề results do not count toward annual awards)."""

    REGULAR = "regular", _("Regular (annual)")
    PERIODIC = "periodic", _("By period")
    THEMATIC = "thematic", _("Thematic")
    PEAK = "peak", _("Peak")
    SPECIAL = "special", _("Special")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    SUMMARISED = "summarised", _("Summarised")


# Badge colour (Bootstrap) each campaign status shows.
CAMPAIGN_STATUS_BADGE = {
    CampaignStatus.DRAFT: "secondary",
    CampaignStatus.PUBLISHED: "success",
    CampaignStatus.CLOSED: "warning",
    CampaignStatus.SUMMARISED: "dark",
}


class SigningMode(models.TextChoices):
    """Nghị định 30's signer prefixes; empty when the head signs in their own name."""

    DIRECT = "", _("Head signs directly")
    ON_BEHALF = "TM", _("TM. (on behalf of the collective)")
    DEPUTY = "KT", _("KT. (deputy signs for the head)")
    ACTING = "Q", _("Q. (acting head)")
    BY_ORDER = "TL", _("TL. (by order of the head)")
    AUTHORISED = "TUQ", _("TUQ. (authorised by the head)")


class Comparator(models.TextChoices):
    AT_LEAST = "gte", "≥"
    MORE_THAN = "gt", ">"
    EQUAL = "eq", "="
    AT_MOST = "lte", "≤"
    LESS_THAN = "lt", "<"
    RANGE = "range", _("range")


class SectionPart(models.TextChoices):
    """Which part of the campaign a numbered section of the document prints."""

    PURPOSE = "purpose", _("Purpose, meaning, requirements")
    PERIOD_THEME = "period_theme", _("Period and theme")
    PERIOD = "period", _("Period")
    THEME = "theme", _("Theme")
    CONTENT = "content", _("Content items")
    SOLUTIONS = "solutions", _("Solutions")
    AWARDS = "awards", _("Awards")
    TASKS = "tasks", _("Implementation")
    TEXT = "text", _("Free text")
