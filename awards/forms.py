from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = AwardForm.objects.order_by("order", "name")
        if self.instance.pk:
            for criterion in self.instance.criteria.all():
                name = CRITERIA_FIELDS.get(criterion.subject_category)
                if name:
                    self.fields[name].initial = criterion.text

    def save_criteria(self, offer):
        for category, name in CRITERIA_FIELDS.items():
            text = (self.cleaned_data.get(name) or "").strip()
            if text:
                AwardCriterion.objects.update_or_create(
                    offer=offer, subject_category=category, defaults={"text": text}
                )
            else:
                AwardCriterion.objects.filter(offer=offer, subject_category=category).delete()


class BaseOfferFormSet(BaseModelFormSet):
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

    def __init__(self, *args, campaign, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = CampaignAward.objects.filter(
            campaign=campaign
        ).select_related("form")
        self.fields["offer"].label_from_instance = lambda offer: offer.form.name
        self.fields["unit"].queryset = units


QuotaFormSet = modelformset_factory(AwardQuota, form=AwardQuotaForm, extra=2, can_delete=True)
