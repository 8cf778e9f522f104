from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin
from reports.models import CampaignSummary


class TargetResultsForm(BootstrapFormMixin, forms.Form):
    """One result and one comment per target of the campaign (empty: not reported)."""

    def __init__(self, *args, targets, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = list(targets)
        for target in self.targets:
            earlier = existing.get(target.pk)
            self.fields[f"value_{target.pk}"] = forms.DecimalField(
                label=str(target),
                required=False,
                max_digits=14,
                decimal_places=2,
                localize=True,
                initial=earlier.value if earlier else None,
                help_text=target.unit_label,
            )
            self.fields[f"comment_{target.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=2000,
                initial=earlier.comment if earlier else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        """(target, value field, comment field) for the template."""
        return [(t, self[f"value_{t.pk}"], self[f"comment_{t.pk}"]) for t in self.targets]

    def clean(self):
        data = super().clean()
        for target in self.targets:
            value, comment = data.get(f"value_{target.pk}"), data.get(f"comment_{target.pk}")
            if value is None and comment and f"value_{target.pk}" not in self.errors:
                self.add_error(f"value_{target.pk}", _("Enter the result the comment is about."))
        return data

    def values(self) -> dict[int, tuple]:
        return {
            t.pk: (
                self.cleaned_data.get(f"value_{t.pk}"),
                self.cleaned_data.get(f"comment_{t.pk}", ""),
            )
            for t in self.targets
        }


class SummaryForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = CampaignSummary
        fields = ["assessment", "signer_name", "signer_title", "recipients"]
        widgets = {
            "assessment": forms.Textarea(attrs={"rows": 6}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }
