"""Writes of the awards app."""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from awards.checks import check_form_offerable
from awards.models import Award, AwardCriterion, CampaignAward
from awards.resources import COLUMNS, AwardResource, load_dataset


@dataclass(frozen=True)
class RowError:
    row: int  # the row number as Excel shows it (the header is row 1)
    column: str
    message: str

    def __str__(self):
        if self.column:
            return _('Row %(row)d, column "%(column)s": %(message)s') % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportReport:
    total: int = 0
    imported: int = 0
    file_error: str = ""
    errors: list[RowError] = field(default_factory=list)
    preview: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors


class _Rollback(Exception):
    pass


def awards_import(*, data: bytes, user, dry_run: bool) -> ImportReport:
    """Import past awards from the bytes of an .xlsx file, all rows or none.

    Preconditions: `user` may record awards (the view checks the role); each row's unit must be
    within the user's units. Side effects: with `dry_run` False and no error, creates the
    Award rows and any Person not yet in the register; otherwise writes nothing.
    """
    report = ImportReport()
    try:
        dataset = load_dataset(data)
    except ValueError as exc:
        report.file_error = str(exc)
        return report
    report.total = len(dataset)
    resource = AwardResource(user=user)
    try:
        with transaction.atomic():
            result = resource.import_data(
                dataset,
                dry_run=dry_run,
                use_transactions=True,
                rollback_on_validation_errors=True,
            )
            for invalid in result.invalid_rows:
                for column, messages in invalid.error_dict.items():
                    column = "" if column == NON_FIELD_ERRORS else column
                    for message in messages:
                        report.errors.append(RowError(invalid.number + 1, column, message))
            for number, row_errors in result.row_errors():
                for error in row_errors:
                    report.errors.append(RowError(number + 1, "", str(error.error)))
            if report.errors:
                raise _Rollback
    except _Rollback:
        report.errors.sort(
            key=lambda e: (
                e.row,
                list(COLUMNS.values()).index(e.column) if e.column in COLUMNS.values() else -1,
            )
        )
        return report
    report.preview = [dict(zip(dataset.headers, row, strict=False)) for row in dataset[:50]]
    report.imported = 0 if dry_run else report.total
    return report


def award_revoke(*, award: Award, reason: str, decision_number: str = "", decision_date=None):
    """Mark an award revoked by a later decision; the row stays for history."""
    award.revoked = True
    award.revoked_reason = reason
    award.revoking_decision_number = decision_number
    award.revoking_decision_date = decision_date
    award.full_clean()
    award.save(
        update_fields=[
            "revoked",
            "revoked_reason",
            "revoking_decision_number",
            "revoking_decision_date",
        ]
    )
    return award


def campaign_awards_copy(*, parent, child) -> None:
    """Offer in `child` (a plan implementing `parent`) the forms `parent` offers, with their
    introductions and criteria, as a draft to edit. Quotas stay with the parent: they count the
    parent's awards. Called by campaigns.services.campaign_implement inside its transaction."""
    offers = parent.award_offers.select_related("form").prefetch_related("criteria")
    for offer in offers.order_by("order", "pk"):
        if check_form_offerable(form=offer.form, campaign=child):
            continue  # not awarded when the child's awards are given: the child could not keep it
        copy = CampaignAward.objects.create(
            campaign=child, form_id=offer.form_id, order=offer.order, intro=offer.intro
        )
        AwardCriterion.objects.bulk_create(
            AwardCriterion(offer=copy, subject_category=c.subject_category, text=c.text)
            for c in offer.criteria.all()
        )


def campaign_offers_refused(campaign) -> list[str]:
    """Why `campaign` may not be published with the forms it offers: each one not awarded
    when its awards are given (its period moved after the forms were chosen). Run by
    campaigns.services.campaign_publish (PUBLISH_CHECKS)."""
    return [
        result.reason
        for offer in campaign.award_offers.select_related("form")
        for result in check_form_offerable(form=offer.form, campaign=campaign)
    ]


def campaign_awards_save(*, campaign, actor, offers, quotas) -> None:
    """Save a campaign's offered forms, their criteria and the per-unit quotas.

    Preconditions: both formsets are valid, and `actor` may edit the campaign (checked again
    here). A published campaign's document prints its forms and criteria, so then only the
    overall quota of each offer and the per-unit quotas change (rows added, removed or reworded
    in the request are ignored). Side effects: one transaction; removed offers take their
    criteria and quotas along.
    """
    from campaigns.services import may_edit

    if not may_edit(campaign=campaign, actor=actor):
        raise PermissionDenied(_("Only officers of an issuing unit may change this campaign."))
    locked = campaign.is_live
    with transaction.atomic():
        for form in offers.deleted_forms:
            if form.instance.pk and not locked:
                form.instance.delete()
        for form in offers.forms:
            if form in offers.deleted_forms or (not form.has_changed() and not form.instance.pk):
                continue
            if locked:
                if form.instance.pk and "quota" in form.changed_data:
                    form.instance.quota = form.cleaned_data["quota"]
                    form.instance.save(update_fields=["quota"])
                continue
            offer = form.save(commit=False)
            offer.campaign = campaign
            offer.save()
            form.save_criteria(offer)
        for form in quotas.deleted_forms:
            if form.instance.pk:
                form.instance.delete()
        for form in quotas.forms:
            if form in quotas.deleted_forms or not form.has_changed():
                continue
            form.save()
