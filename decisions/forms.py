"""Forms collect input; services change state (no status field in any form here)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin
from decisions.choices import SigningMode
from decisions.models import Decision
from documents.forms import VnDateField


class CheckboxList(forms.CheckboxSelectMultiple):
    """Checkboxes with Bootstrap's box class on each box only: Django also puts the widget's
    class on the list around the boxes, which shrank it to one box and spilled the names."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("class", None)  # the options built their own attrs
        return context


class EntryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nominee_name} – {obj.dossier.proposing_unit}"


class NewDecisionForm(forms.Form):
    """The approved entries of one campaign and form that the new draft decides."""

    entries = EntryChoiceField(
        label=_("approved entries"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one approved entry.")},
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = entries
        self.fields["entries"].widget.attrs["class"] = "form-check-input"


class DecisionEditForm(BootstrapFormMixin, forms.ModelForm):
    """The texts of a draft decision, prefilled from the data and editable until signing."""

    class Meta:
        model = Decision
        fields = [
            "title",
            "reason",
            "bases",
            "proposals",
            "money_placement",
            "funding_source",
            "rules_reference",
            "executors",
            "recipients",
            "signing_mode",
            "signer_name",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "reason": forms.Textarea(attrs={"rows": 2}),
            "bases": forms.Textarea(attrs={"rows": 6}),
            "proposals": forms.Textarea(attrs={"rows": 3}),
            "executors": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"signer_name": _("Shown on the draft; the leader who signs replaces it.")}


class SignForm(BootstrapFormMixin, forms.Form):
    signing_mode = forms.ChoiceField(label=_("signing mode"), choices=SigningMode.choices)
    confirm = forms.BooleanField(
        label=_("I have read the draft and sign this decision."),
        error_messages={"required": _("Confirm that you sign the decision.")},
    )


class RevokeForm(BootstrapFormMixin, forms.Form):
    """Revocation (Luật Thi đua, khen thưởng, Chương VII): reason and the revoking decision."""

    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))
    revoking_number = forms.CharField(
        label=_("number of the revoking decision"),
        max_length=50,
        help_text=_('For example "125/QĐ-UBND".'),
    )
    revoking_date = VnDateField(label=_("date of the revoking decision"))
    awardees = forms.ModelMultipleChoiceField(
        label=_("awards to revoke"),
        queryset=None,
        required=False,
        widget=CheckboxList,
        help_text=_("Tick the awards the revoking decision names."),
    )
    whole = forms.BooleanField(
        label=_("Revoke every award of this decision"),
        required=False,
        help_text=_("Only when the revoking decision revokes the whole decision."),
    )

    def __init__(self, *args, awardees, shown=None, **kwargs):
        """`awardees`: those that may be chosen; `shown`: those whose boxes are printed (a
        page of a long list), all of them when None."""
        super().__init__(*args, **kwargs)
        self.fields["awardees"].queryset = awardees
        self.fields["awardees"].label_from_instance = lambda a: a.name
        self.fields["awardees"].widget.attrs["class"] = "form-check-input"
        if shown is not None:
            self.fields["awardees"].widget.choices = [(a.pk, a.name) for a in shown]

    def clean(self):
        """Which awards go is said, never assumed: a box left unticked on a page of a long
        list must not revoke the whole decision."""
        cleaned = super().clean()
        chosen, whole = cleaned.get("awardees"), cleaned.get("whole")
        if "awardees" in cleaned and not chosen and not whole:
            self.add_error(
                "awardees",
                _('Tick the awards to revoke, or "Revoke every award of this decision".'),
            )
        if chosen and whole:
            self.add_error(
                "whole",
                _("Either tick the awards to revoke or revoke every award, not both."),
            )
        return cleaned
