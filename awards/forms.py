from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin
from awards.checks import check_form_offerable
from awards.choices import SubjectCategory
from awards.models import AwardCriterion, AwardForm, AwardQuota, CampaignAward

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class AwardImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Fill in the template; a file with one wrong row imports nothing."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an Excel file ending in .xlsx."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it."))
        return upload


CRITERIA_FIELDS = {
    SubjectCategory.COLLECTIVE: "criteria_collective",
    SubjectCategory.OFFICIAL: "criteria_official",
    SubjectCategory.HOUSEHOLD_WORKER: "criteria_household_worker",
}


class CampaignAwardForm(BootstrapFormMixin, forms.ModelForm):
    """One offered form with its criteria text per subject category."""

    criteria_collective = forms.CharField(
        label=SubjectCategory.COLLECTIVE.label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    criteria_official = forms.CharField(
        label=SubjectCategory.OFFICIAL.label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    criteria_household_worker = forms.CharField(
        label=SubjectCategory.HOUSEHOLD_WORKER.label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = CampaignAward
        fields = ["form", "order", "intro", "quota"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 2})}

    # What the campaign document prints; fixed once the campaign is published.
    PRINTED = ("form", "order", "intro", *CRITERIA_FIELDS.values())

    def __init__(self, *args, form_choices=None, locked=False, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["form"].queryset = AwardForm.objects.order_by("order", "name")
        if form_choices is not None:
            self.fields["form"].choices = form_choices
        self.locked = locked
        if locked:
            for name in self.PRINTED:
                self.fields[name].disabled = True
        if self.instance.pk:
            for criterion in self.instance.criteria.all():
                name = CRITERIA_FIELDS.get(criterion.subject_category)
                if name:
                    self.fields[name].initial = criterion.text

    def clean_form(self):
        chosen = self.cleaned_data["form"]
        if self.campaign is None or self.fields["form"].disabled:
            return chosen
        # Not awarded when the campaign's awards are given (the end of its period).
        refused = check_form_offerable(form=chosen, campaign=self.campaign)
        if refused:
            raise ValidationError(refused[0].reason)
        return chosen

    def save_criteria(self, offer):
        for category, name in CRITERIA_FIELDS.items():
            text = (self.cleaned_data.get(name) or "").strip()
            if text:
                AwardCriterion.objects.update_or_create(
                    offer=offer, subject_category=category, defaults={"text": text}
                )
            else:
                AwardCriterion.objects.filter(offer=offer, subject_category=category).delete()


def _choices(queryset, label=str) -> list:
    """The choices of a select, read once and shared by every row of a formset."""
    field = forms.ModelChoiceField(queryset=queryset)
    field.label_from_instance = label
    return list(field.choices)


def forms_offerable(campaign):
    """The award forms a campaign may offer: awarded when its awards are given
    (`campaign.awards_window`, the end of its period; awards.checks.check_form_offerable). The
    district chairman's Giấy khen, for one, ended on 30/6/2025 with the district level."""
    first, last = campaign.awards_window
    forms = AwardForm.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
    if last:
        forms = forms.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
    return forms.order_by("order", "name")


def _offers(campaign):
    return CampaignAward.objects.filter(campaign=campaign).select_related("form")


class BaseOfferFormSet(BaseModelFormSet):
    """The offered forms; `locked` (a published campaign) keeps what the document prints and
    lets only the overall quota change: no form added, removed or reworded."""

    def __init__(self, *args, locked=False, campaign=None, **kwargs):
        self.locked = locked
        if locked:
            self.extra = 0
        # The menu holds the forms the campaign may offer, and those it offers already (a
        # row whose form no longer fits the period is refused at its field, with the reason).
        menu = AwardForm.objects.order_by("order", "name")
        if campaign is not None:
            offered = CampaignAward.objects.filter(campaign=campaign).values("form")
            menu = menu.filter(Q(pk__in=forms_offerable(campaign).values("pk")) | Q(pk__in=offered))
        form_kwargs = {"form_choices": _choices(menu), "locked": locked, "campaign": campaign}
        super().__init__(
            *args, form_kwargs=form_kwargs | (kwargs.pop("form_kwargs", None) or {}), **kwargs
        )

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if self.locked and "DELETE" in form.fields:
            form.fields["DELETE"].disabled = True

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            chosen = form.cleaned_data.get("form")
            if chosen in seen:
                form.add_error("form", _("This form is already offered above."))
            seen.add(chosen)


OfferFormSet = modelformset_factory(
    CampaignAward, form=CampaignAwardForm, formset=BaseOfferFormSet, extra=1, can_delete=True
)


class AwardQuotaForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = AwardQuota
        fields = ["offer", "unit", "max_count"]

    def __init__(self, *args, campaign, units, offer_choices=None, unit_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = _offers(campaign)
        self.fields["offer"].label_from_instance = _offer_label
        self.fields["unit"].queryset = units
        if offer_choices is not None:
            self.fields["offer"].choices = offer_choices
        if unit_choices is not None:
            self.fields["unit"].choices = unit_choices


def _offer_label(offer) -> str:
    return offer.form.name


class BaseQuotaFormSet(BaseModelFormSet):
    def __init__(self, *args, form_kwargs, **kwargs):
        form_kwargs = {
            **form_kwargs,
            "offer_choices": _choices(_offers(form_kwargs["campaign"]), _offer_label),
            "unit_choices": _choices(form_kwargs["units"]),
        }
        super().__init__(*args, form_kwargs=form_kwargs, **kwargs)


QuotaFormSet = modelformset_factory(
    AwardQuota, form=AwardQuotaForm, formset=BaseQuotaFormSet, extra=2, can_delete=True
)
