from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardKind(models.TextChoices):
    """Luật Thi đua, khen thưởng distinguishes award forms from emulation titles."""

    FORM = "form", _("Award form")
    TITLE = "title", _("Emulation title")


class SubjectKind(models.TextChoices):
    """Who receives an award (Luật 06/2022 added households)."""

    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")


class AuthorityLevel(models.TextChoices):
    """Who decides an award: a level of the administrative tree, or the head of a department."""

    PROVINCE = "province", _("Province level")
    DISTRICT = "district", _("District level")
    COMMUNE = "commune", _("Commune level")
    DEPARTMENT_HEAD = "department_head", _("Head of a department or organisation")


class SubjectCategory(models.TextChoices):
    """The subject groups a campaign writes criteria for (seed 003, section V.2)."""

    COLLECTIVE = "collective", _("Collectives")
    OFFICIAL = "official", _("Individuals – officials and civil servants")
    HOUSEHOLD_WORKER = "household_worker", _("Households, farmers and workers")


# The heading each category takes in the campaign document ("a) Đối với tập thể").
CATEGORY_HEADING = {
    SubjectCategory.COLLECTIVE: "Đối với tập thể",
    SubjectCategory.OFFICIAL: "Đối với cá nhân",
    SubjectCategory.HOUSEHOLD_WORKER: "Đối với gia đình, nông dân, người lao động",
}


class DocumentKind(models.TextChoices):
    """Documents a dossier may have to carry for an award form."""

    PROPOSAL = "proposal", _("Proposal letter (tờ trình)")
    NOMINEE_LIST = "nominee_list", _("List of nominees")
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    ACHIEVEMENT_SUMMARY = "achievement_summary", _("Short summary of achievements")
    COUNCIL_MINUTES = "council_minutes", _("Minutes of the emulation council")
    INITIATIVE_PROOF = "initiative_proof", _("Proof of initiatives")
    OTHER = "other", _("Other document")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class BlockingKind(models.TextChoices):
    """Situations in which nobody may be awarded or proposed (Luật Thi đua, khen thưởng)."""

    DISCIPLINE = "discipline", _("Under discipline")
    INVESTIGATION = "investigation", _("Under investigation")
    COMPLAINT = "complaint", _("Open complaint or denunciation")


class Severity(models.TextChoices):
    BLOCKING = "blocking", _("Blocking")
    WARNING = "warning", _("Warning")


SEVERITY_BADGE = {Severity.BLOCKING: "danger", Severity.WARNING: "warning"}


class CheckCode(models.TextChoices):
    NOT_OFFERED = "not_offered", _("Form not offered by the campaign")
    FORM_NOT_VALID = "form_not_valid", _("Form not valid on the date")
    SUBJECT_NOT_ALLOWED = "subject_not_allowed", _("Subject kind not allowed")
    QUOTA_EXCEEDED = "quota_exceeded", _("Quota exceeded")
    ALREADY_AWARDED = "already_awarded", _("Already awarded in this campaign")
    ALREADY_PROPOSED = "already_proposed", _("Already proposed in this campaign")
    LIKELY_DUPLICATE = "likely_duplicate", _("Likely duplicate person")
    BLOCKING_FLAG = "blocking_flag", _("Discipline, investigation or complaint")
    UNIT_DISSOLVED = "unit_dissolved", _("Unit dissolved")
