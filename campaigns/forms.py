"""Forms that collect a campaign and its rows; services do the saving and the state changes."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin
from accounts.selectors import units_visible_to
from campaigns.models import (
    Campaign,
    CampaignIssuer,
    CampaignItem,
    CampaignOccasion,
    CampaignRecipient,
    CampaignSection,
    CampaignTask,
    DocumentType,
    ItemTarget,
    Unit,
)
from campaigns.selectors import campaigns_visible_to
from campaigns.services import campaign_period_errors, issuer_error

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class VnDateField(forms.DateField):
    """A date typed as dd/mm/yyyy, as Vietnamese forms write it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        )
        super().__init__(**kwargs)


def _short_textareas(form, rows=3):
    for field in form.fields.values():
        # Django's default of 10 rows is too tall on a phone; explicit sizes are kept.
        if isinstance(field.widget, forms.Textarea) and str(field.widget.attrs.get("rows")) == "10":
            field.widget.attrs["rows"] = rows


class CampaignForm(BootstrapFormMixin, forms.ModelForm):
    """The document's own parts; rows (issuers, items, …) come in formsets beside it."""

    class Meta:
        model = Campaign
        fields = [
            "doc_type",
            "number",
            "issue_day",
            "issue_month",
            "issue_year",
            "place",
            "title",
            "kind",
            "parent",
            "parent_reference",
            "preamble",
            "purpose",
            "meaning",
            "requirements",
            "period_start",
            "period_end",
            "period_end_event",
            "period_text",
            "nomination_deadline",
            "theme",
            "content_intro",
            "solutions",
            "closing",
            "signing_mode",
            "signer_collective",
            "signer_head_title",
            "signer_position",
            "signer_name",
            "participating_units",
        ]
        field_classes = {
            "period_start": VnDateField,
            "period_end": VnDateField,
            "nomination_deadline": VnDateField,
        }
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _short_textareas(self)
        self.fields["doc_type"].queryset = DocumentType.objects.filter(for_campaigns=True)
        parents = campaigns_visible_to(user).live().select_related("doc_type")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        # Units of both eras: a historical document names the units of its time.
        self.fields["participating_units"].queryset = units_visible_to(user)
        self.fields["participating_units"].widget.attrs["size"] = 6
        self.fields["issue_month"].widget.attrs.update({"min": 1, "max": 12})
        self.fields["issue_day"].widget.attrs.update({"min": 1, "max": 31})

    def clean(self):
        data = super().clean()
        day, month, year = data.get("issue_day"), data.get("issue_month"), data.get("issue_year")
        if day and not month:
            self.add_error("issue_month", _("A day of issue needs its month."))
        if month and not year:
            self.add_error("issue_year", _("A month of issue needs its year."))
        if month and not 1 <= month <= 12:
            self.add_error("issue_month", _("A month is between 1 and 12."))
        if day and month and year:
            import datetime

            try:
                datetime.date(year, month, day)
            except ValueError:
                self.add_error("issue_day", _("This day does not exist in that month."))
        if data.get("number") and not year:
            self.add_error("issue_year", _("A numbered document needs its year."))
        errors = campaign_period_errors(
            period_start=data.get("period_start"),
            period_end=data.get("period_end"),
            nomination_deadline=data.get("nomination_deadline"),
            parent=data.get("parent"),
        )
        for field, message in errors.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class RowFormMixin(BootstrapFormMixin):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _short_textareas(self, rows=2)


class IssuerForm(RowFormMixin, forms.ModelForm):
    class Meta:
        model = CampaignIssuer
        fields = ["unit", "header_parent", "header_name", "abbreviation", "short_name"]
        widgets = {"header_name": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            # Units of both eras (a historical document names the units of its time), the
            # user's own first; another unit is refused in clean_unit with a clear message.
            self.fields["unit"].queryset = Unit.objects.order_by("name")
        for name in ("header_parent", "header_name", "abbreviation", "short_name"):
            self.fields[name].help_text = _("Empty: filled from the unit.")

    def clean_unit(self):
        unit = self.cleaned_data["unit"]
        if self.user is not None and (message := issuer_error(unit=unit, actor=self.user)):
            raise forms.ValidationError(message)
        return unit


class OccasionForm(RowFormMixin, forms.ModelForm):
    date = VnDateField(label=_("date"), required=False)

    class Meta:
        model = CampaignOccasion
        fields = ["name", "date", "anniversary"]


class SectionForm(RowFormMixin, forms.ModelForm):
    class Meta:
        model = CampaignSection
        fields = ["part", "heading", "body"]


class TargetForm(RowFormMixin, forms.ModelForm):
    class Meta:
        model = ItemTarget
        fields = ["comparator", "value", "value_max", "unit_label", "indicator"]

    def clean(self):
        data = super().clean()
        low, high = data.get("value"), data.get("value_max")
        if data.get("comparator") == "range":
            if high is None:
                self.add_error("value_max", _("A range needs its upper value."))
            elif low is not None and high < low:
                self.add_error("value_max", _("The upper value must not be below the lower."))
        return data


class ItemForm(RowFormMixin, forms.ModelForm):
    class Meta:
        model = CampaignItem
        fields = ["heading", "text"]
        widgets = {"heading": forms.Textarea(attrs={"rows": 2})}


class TaskForm(RowFormMixin, forms.ModelForm):
    due_date = VnDateField(label=_("due date"), required=False)

    class Meta:
        model = CampaignTask
        fields = ["unit", "actor", "duty", "due_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.order_by("name")


class RecipientForm(RowFormMixin, forms.ModelForm):
    class Meta:
        model = CampaignRecipient
        fields = ["unit", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.order_by("name")

    def clean(self):
        data = super().clean()
        if not data.get("unit") and not data.get("text"):
            self.add_error("text", _("Name a unit or write the line."))
        return data


TargetFormSet = inlineformset_factory(
    CampaignItem, ItemTarget, form=TargetForm, extra=0, can_delete=True
)


class ItemFormSetBase(BaseInlineFormSet):
    """Content items, each carrying its own formset of targets as `form.targets`."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.targets = TargetFormSet(
            self.data if self.is_bound else None,
            instance=form.instance if form.instance.pk else CampaignItem(),
            prefix=f"{form.prefix}-targets",
        )
        return form

    def is_valid(self):
        valid = super().is_valid()
        return all([valid, *(form.targets.is_valid() for form in self.forms)])


def _formset(model, form, base=BaseInlineFormSet, **kwargs):
    return inlineformset_factory(
        Campaign, model, form=form, formset=base, extra=0, can_delete=True, **kwargs
    )


IssuerFormSet = _formset(CampaignIssuer, IssuerForm, min_num=1, validate_min=True)
OccasionFormSet = _formset(CampaignOccasion, OccasionForm)
SectionFormSet = _formset(CampaignSection, SectionForm)
ItemFormSet = _formset(CampaignItem, ItemForm, base=ItemFormSetBase)
TaskFormSet = _formset(CampaignTask, TaskForm)
RecipientFormSet = _formset(CampaignRecipient, RecipientForm)

# name -> (formset class, row form class, title); the order is the order on the page.
FORMSETS = {
    "issuers": (IssuerFormSet, IssuerForm, _("Issuing units")),
    "occasions": (OccasionFormSet, OccasionForm, _("Occasions celebrated")),
    "sections": (SectionFormSet, SectionForm, _("Sections of the document")),
    "items": (ItemFormSet, ItemForm, _("Content items")),
    "tasks": (TaskFormSet, TaskForm, _("Implementation tasks")),
    "recipients": (RecipientFormSet, RecipientForm, _("Recipients (Nơi nhận)")),
}
ROW_FORMS = {name: spec[1] for name, spec in FORMSETS.items()} | {"targets": TargetForm}


def build_formsets(*, data=None, instance, user) -> dict:
    return {
        name: formset_class(data, instance=instance, prefix=name, form_kwargs={"user": user})
        for name, (formset_class, _form, _title) in FORMSETS.items()
    }
