"""Forms that collect a campaign and its rows; services do the saving and the state changes."""

import datetime

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext_lazy

from accounts.forms import BootstrapFormMixin
from accounts.selectors import units_visible_to
from campaigns.choices import UnitKind
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
from campaigns.selectors import campaigns_visible_to, choice_label, with_issuer_name
from campaigns.services import campaign_period_errors, issuer_error
from documents.collation import Vietnamese
from documents.forms import VnDateField

# Django 6's label of an empty choice, which Django's own Vietnamese catalogue lacks: listed here
# so that makemessages keeps it in this app's catalogue, which translates it for every select.
DJANGO_STRINGS_WITHOUT_VIETNAMESE = [gettext_noop("- Select an option -")]

MIN_YEAR, MAX_YEAR = 1900, 2100


def _short_textareas(form, rows=3):
    for field in form.fields.values():
        # Django's default of 10 rows is too tall on a phone; explicit sizes are kept.
        if isinstance(field.widget, forms.Textarea) and str(field.widget.attrs.get("rows")) == "10":
            field.widget.attrs["rows"] = rows


class UnitChecklist(forms.CheckboxSelectMultiple):
    """A checkbox per unit, in groups, in a box that scrolls: a province has some 300 units of
    both eras, which a multiple select asked to pick with Ctrl-click."""

    template_name = "campaigns/widgets/unit_checklist.html"


# The groups of the participating units, in this order; a unit not in force on the campaign's
# date goes in the last group.
UNIT_GROUPS = [
    (
        _("Departments, agencies and organisations"),
        {
            UnitKind.PROVINCE,
            UnitKind.DEPARTMENT,
            UnitKind.AGENCY,
            UnitKind.ORGANISATION,
            UnitKind.ENTERPRISE,
        },
    ),
    (_("Districts and cities"), {UnitKind.DISTRICT, UnitKind.CITY}),
    (_("Communes, wards and townships"), {UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP}),
]


def unit_checklist_choices(units, on: datetime.date) -> list:
    """`units` (in the order they come, Vietnamese by the database's collation) grouped for
    UnitChecklist: by kind those in force on `on`, then the others (a historical document names
    the units of its time; a new one those of today)."""
    groups = [(label, []) for label, _kinds in UNIT_GROUPS]
    others = []
    for unit in units:
        if not unit.is_in_force(on):
            others.append((unit.pk, unit.name))
            continue
        for (_label, kinds), (_same, choices) in zip(UNIT_GROUPS, groups, strict=True):
            if unit.kind in kinds:
                choices.append((unit.pk, unit.name))
                break
        else:
            others.append((unit.pk, unit.name))
    label = _("Not in force on %(date)s") % {"date": on.strftime("%d/%m/%Y")}
    return [(str(name), choices) for name, choices in groups if choices] + (
        [(label, others)] if others else []
    )


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
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "participating_units": UnitChecklist}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _short_textareas(self)
        self.fields["doc_type"].queryset = DocumentType.objects.filter(for_campaigns=True)
        parents = campaigns_visible_to(user).live().select_related("doc_type")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        # Each by its title and lead issuer: the plan of the province and the plans of the
        # districts implementing it often share their title.
        self.fields["parent"].queryset = with_issuer_name(parents)
        self.fields["parent"].label_from_instance = choice_label
        # Units of both eras: a historical document names the units of its time. Those in force
        # on the campaign's date come first, by kind.
        units = units_visible_to(user).order_by(Vietnamese("name"))
        field = self.fields["participating_units"]
        field.queryset = units
        # Built when the page is printed, after a POST has put its period on the instance.
        field.choices = lambda: unit_checklist_choices(units, self.instance.starts_on)
        self.fields["issue_month"].widget.attrs.update({"min": 1, "max": 12})
        self.fields["issue_day"].widget.attrs.update({"min": 1, "max": 31})
        self.fields["issue_year"].widget.attrs.update({"min": MIN_YEAR, "max": MAX_YEAR})
        self.fields["number"].widget.attrs["min"] = 1

    def clean(self):
        data = super().clean()
        day, month, year = data.get("issue_day"), data.get("issue_month"), data.get("issue_year")
        # Bounds here, at the field: the model's check constraints would answer 0 with an English
        # message and no field, and SQLite does not bound integers at all.
        if day is not None and not 1 <= day <= 31:
            self.add_error("issue_day", _("A day is between 1 and 31."))
            day = None
        if month is not None and not 1 <= month <= 12:
            self.add_error("issue_month", _("A month is between 1 and 12."))
            month = None
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            self.add_error(
                "issue_year",
                _("Write the year in full, between %(min)d and %(max)d.")
                % {"min": MIN_YEAR, "max": MAX_YEAR},
            )
            year = None
        number = data.get("number")
        if number is not None and number < 1:
            self.add_error("number", _("A number starts at 1."))
        if day and not month and "issue_month" not in self.errors:
            self.add_error("issue_month", _("A day of issue needs its month."))
        if month and not year and "issue_year" not in self.errors:
            self.add_error("issue_year", _("A month of issue needs its year."))
        if day and month and year:
            try:
                datetime.date(year, month, day)
            except ValueError:
                self.add_error("issue_day", _("This day does not exist in that month."))
        if number and not year and "issue_year" not in self.errors:
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
    def __init__(self, *args, user=None, unit_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _short_textareas(self, rows=2)
        if unit_choices is not None and "unit" in self.fields:
            # The same list for every row: one query for the page, not one per row.
            self.fields["unit"].choices = unit_choices


def unit_choices() -> list:
    """The choices of a row's unit select (units of both eras), read once for a whole page."""
    field = forms.ModelChoiceField(queryset=Unit.objects.order_by(Vietnamese("name")))
    return list(field.choices)


class IssuerForm(RowFormMixin, forms.ModelForm):
    # Units of both eras (a historical document names the units of its time); a unit outside
    # the user's is refused in clean_unit with a clear message.
    unit = forms.ModelChoiceField(
        label=_("issuing unit"), queryset=Unit.objects.order_by(Vietnamese("name"))
    )

    class Meta:
        model = CampaignIssuer
        fields = ["unit", "header_parent", "header_name", "abbreviation", "short_name"]
        widgets = {"header_name": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
    unit = forms.ModelChoiceField(
        label=_("unit"), queryset=Unit.objects.order_by(Vietnamese("name")), required=False
    )

    class Meta:
        model = CampaignTask
        fields = ["unit", "actor", "duty", "due_date"]


class RecipientForm(RowFormMixin, forms.ModelForm):
    unit = forms.ModelChoiceField(
        label=_("unit"), queryset=Unit.objects.order_by(Vietnamese("name")), required=False
    )

    class Meta:
        model = CampaignRecipient
        fields = ["unit", "text"]

    def clean(self):
        data = super().clean()
        # A line refused already (too long) was written: one message for it, not two.
        if not data.get("unit") and not data.get("text") and "text" not in self.errors:
            self.add_error("text", _("Name a unit or write the line."))
        return data


class RowFormSetBase(BaseInlineFormSet):
    """Rows of a campaign; Django's own formset messages are English in its Vietnamese catalogue."""

    default_error_messages = {
        "missing_management_form": _(
            "The rows of this part were sent incomplete. Reload the page and enter them again."
        ),
        "too_many_forms": ngettext_lazy(
            "Send at most %(num)d row.", "Send at most %(num)d rows.", "num"
        ),
        "too_few_forms": ngettext_lazy(
            "Enter at least %(num)d row.", "Enter at least %(num)d rows.", "num"
        ),
    }


class TargetFormSetBase(RowFormSetBase):
    def get_queryset(self):
        # The item's targets prefetched with the items: no query per item on the edit page.
        cache = getattr(self.instance, "_prefetched_objects_cache", {})
        if self.instance.pk and "targets" in cache:
            return sorted(cache["targets"], key=lambda t: (t.position, t.pk))
        return super().get_queryset()


TargetFormSet = inlineformset_factory(
    CampaignItem,
    ItemTarget,
    form=TargetForm,
    formset=TargetFormSetBase,
    extra=0,
    can_delete=True,
)


class ItemFormSetBase(RowFormSetBase):
    """Content items, each carrying its own formset of targets as `form.targets`."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.targets = TargetFormSet(
            self.data if self.is_bound else None,
            instance=form.instance if form.instance.pk else CampaignItem(),
            prefix=f"{form.prefix}-targets",
        )
        # Read by the error summary above the page (documents.problems).
        form.nested_formsets = [(form.targets, _("Measurable targets"))]
        return form

    def is_valid(self):
        valid = super().is_valid()
        # The targets of a row removed on saving go with it: not checked (as Django does not
        # check the row).
        kept = [f for f in self.forms if not (self.can_delete and self._should_delete_form(f))]
        return all([valid, *(form.targets.is_valid() for form in kept)])


def _formset(model, form, base=RowFormSetBase, **kwargs):
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
    units = unit_choices()
    extra = {name: {} for name in FORMSETS}
    extra["items"]["queryset"] = CampaignItem.objects.prefetch_related("targets")
    # A new document's first issuer: the unit the user works for (its header lines follow
    # from it on saving), as "implement at my unit" does; the user may change it.
    if data is None and instance.pk is None and user.scope_root is not None:
        extra["issuers"]["initial"] = [{"unit": user.scope_root.pk}]
    return {
        name: formset_class(
            data,
            instance=instance,
            prefix=name,
            form_kwargs={"user": user, "unit_choices": units},
            **extra[name],
        )
        for name, (formset_class, _form, _title) in FORMSETS.items()
    }
