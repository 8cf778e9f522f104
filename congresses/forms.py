"""Forms of the congresses app: they collect input; the services change state."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin
from awards.choices import Gender
from congresses.choices import FORMS_OF_LEVEL, DelegateCategory
from congresses.models import CongressLevel, Delegate

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class VnDateField(forms.DateField):
    """A date typed as dd/mm/yyyy, as Vietnamese forms write it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
        )
        super().__init__(**kwargs)


class EventRecordForm(BootstrapFormMixin, forms.Form):
    """When and how the unit held its event."""

    held_on = VnDateField(label=_("Held on"))
    form = forms.ChoiceField(label=_("Form"))
    attendance = forms.IntegerField(label=_("Delegates present"), min_value=1, required=False)
    report = forms.CharField(
        label=_("Report"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [(f.value, f.label) for f in FORMS_OF_LEVEL[event.level.kind]]

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        if value > datetime.date.today() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("An event cannot be recorded as held in the future."))
        return value


class DelegateForm(BootstrapFormMixin, forms.ModelForm):
    """A delegate typed in: a guest, a leader, or someone not in the register."""

    class Meta:
        model = Delegate
        fields = [
            "category",
            "full_name",
            "gender",
            "ethnicity",
            "birth_year",
            "position_title",
            "unit_name",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gender"].required = True
        self.fields["gender"].choices = [("", "---------"), *Gender.choices]
        self.fields["ethnicity"].initial = "Kinh"
        self.fields["birth_year"].widget.attrs.update({"min": 1900, "max": 2100})

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        this_year = datetime.date.today().year
        if year is not None and not (this_year - 110 <= year <= this_year - 14):
            raise forms.ValidationError(
                _("Enter a birth year between %(low)s and %(high)s.")
                % {"low": this_year - 110, "high": this_year - 14}
            )
        return year


class CandidateForm(forms.Form):
    """A delegate taken from the register (person) or from a nominee (entry)."""

    person = forms.IntegerField(required=False)
    entry = forms.IntegerField(required=False)
    category = forms.ChoiceField(choices=DelegateCategory.choices)

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("entry"):
            raise forms.ValidationError(_("Choose a person from the register or a nominee."))
        return data


class LevelForm(BootstrapFormMixin, forms.ModelForm):
    """The rules of one level: deadline, cap and delegate mix."""

    deadline = VnDateField(label=_("Deadline"))

    class Meta:
        model = CongressLevel
        fields = [
            "deadline",
            "deadline_text",
            "max_delegates",
            "min_core_share",
            "max_guest_share",
            "heading",
            "body",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def clean(self):
        data = super().clean()
        core, guests = data.get("min_core_share"), data.get("max_guest_share")
        if core is not None and core > 100:
            self.add_error("min_core_share", _("A share is a percentage from 0 to 100."))
        if guests is not None and guests > 100:
            self.add_error("max_guest_share", _("A share is a percentage from 0 to 100."))
        return data


class AgendaItemForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Item"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BaseAgendaFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].widget.attrs["class"] = "form-control"
        form.fields["DELETE"].widget.attrs["class"] = "form-check-input"


AgendaFormSet = forms.formset_factory(
    AgendaItemForm, formset=BaseAgendaFormSet, extra=2, can_order=True, can_delete=True
)


class BoardFilterForm(forms.Form):
    as_of = VnDateField(label=_("As of"), required=False)
    level = forms.CharField(required=False)
    group = forms.CharField(required=False)
    state = forms.CharField(required=False)
