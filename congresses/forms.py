"""Forms of the congresses app: they collect input; the services change state."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.forms import BootstrapFormMixin
from accounts.selectors import unit_ids_visible_to
from awards.choices import Gender
from campaigns.models import Cluster, Unit
from congresses.choices import DelegateCategory, EventForm
from congresses.models import (
    AgendaItem,
    CongressLevel,
    CongressPlan,
    Delegate,
    ImplementationDuty,
    PilotUnit,
    PlanSection,
)
from documents.collation import Vietnamese
from documents.forms import VnDateField


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
        self.fields["form"].choices = [(f.value, f.label) for f in event.level.allowed_forms]

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
    """The rules of one level: forms, time, deadline, cap and delegate mix, and the other text.

    The printed lines on form, time and number are written from these fields; the other text
    may not state them again, so that the document cannot contradict the rules.
    """

    deadline = VnDateField(label=_("Deadline"))
    forms = forms.MultipleChoiceField(
        label=_("Forms offered"),
        choices=EventForm.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose at least one form.")},
    )

    class Meta:
        model = CongressLevel
        fields = [
            "heading",
            "forms",
            "duration",
            "deadline",
            "max_delegates",
            "min_core_share",
            "max_guest_share",
            "body",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 4}), "heading": forms.TextInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.initial.get("forms"):
            self.initial["forms"] = [f.value for f in self.instance.allowed_forms]

    def clean_forms(self):
        chosen = self.cleaned_data["forms"]
        # kept in the order of the choices, as the plan lists them
        return [value for value in EventForm.values if value in chosen]

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        for line in _lines_of(body):
            if RULE_LINE.match(line):
                raise forms.ValidationError(
                    _(
                        "The form, the time and the number of delegates are printed from the "
                        "fields above; remove this line: “%(line)s”"
                    )
                    % {"line": line[:80]}
                )
            if found := STATED_RULE.search(line):
                raise forms.ValidationError(
                    _(
                        "The deadline and the number of delegates are printed from the fields "
                        "above; remove “%(text)s” from the text."
                    )
                    % {"text": found.group(0)}
                )
        return body

    def clean(self):
        data = super().clean()
        core, guests = data.get("min_core_share"), data.get("max_guest_share")
        if core is not None and core > 100:
            self.add_error("min_core_share", _("A share is a percentage from 0 to 100."))
        if guests is not None and guests > 100:
            self.add_error("max_guest_share", _("A share is a percentage from 0 to 100."))
        body = data.get("body") or ""
        if core is not None and guests is not None and "body" not in self.errors:
            stated = sorted({int(n) for n in PERCENT.findall(body)} - {core, guests})
            if stated:
                self.add_error(
                    "body",
                    _(
                        "The text says %(stated)s %%, but the rules above are %(core)s %% and "
                        "%(guests)s %%: make them agree."
                    )
                    % {
                        "stated": ", ".join(str(n) for n in stated),
                        "core": core,
                        "guests": guests,
                    },
                )
        return data


def _lines_of(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# Lines the plan writes from the fields (seed 004's "- Hình thức:", "- Thời gian:", "- Số
# lượng:"), and phrases that state a deadline or a number of delegates.
RULE_LINE = re.compile(
    r"^-\s*(hình thức|thời gian|số lượng|thành phần,\s*số lượng[^:]*)\s*:", re.IGNORECASE
)
STATED_RULE = re.compile(
    r"(\d[\d.]*\s+đại biểu|quý\s+[IV]+/\d{4}|tháng\s+\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4})",
    re.IGNORECASE,
)
PERCENT = re.compile(r"(\d{1,3})\s*%")


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


# -- the plan's page: the document, then its rows ------------------------------------------------


def _short_textareas(form, rows=2) -> None:
    for field in form.fields.values():
        # Django's default of 10 rows is too tall on a phone; explicit sizes are kept.
        if isinstance(field.widget, forms.Textarea) and str(field.widget.attrs.get("rows")) == "10":
            field.widget.attrs["rows"] = rows


class PlanForm(BootstrapFormMixin, forms.ModelForm):
    """The plan's own parts. The document type is always KH (KẾ HOẠCH); the number is taken
    from the issuer's register when the plan is published."""

    issuer = forms.ModelChoiceField(label=_("Issuing unit"), queryset=None)
    issue_date = VnDateField(
        label=_("Date issued"),
        required=False,
        help_text=_("Empty: dated the day the plan is published."),
    )
    tree_on = VnDateField(
        label=_("Unit tree as of"),
        help_text=_("Events are generated for the units in force on this day."),
    )

    class Meta:
        model = CongressPlan
        fields = [
            "issuer",
            "title",
            "issue_date",
            "tree_on",
            "young_age",
            "issuer_header",
            "issuer_abbreviation",
            "place",
            "preamble",
            "closing",
            "recipients",
            "signer_mode",
            "signer_name",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "issuer_header": forms.Textarea(attrs={"rows": 2}),
            "preamble": forms.Textarea(attrs={"rows": 4}),
            "closing": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
            "signer_mode": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        for name in ("issuer_header", "issuer_abbreviation", "place"):
            self.fields[name].required = False
            self.fields[name].help_text = _("Empty: filled from the issuing unit.")
        if self.instance.is_published:
            # Published: the register holds its number, date, issuer and title.
            for name in ("issuer", "title", "issue_date"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once the plan is published.")

    def clean_young_age(self):
        age = self.cleaned_data["young_age"]
        if not 16 <= age <= 45:
            raise forms.ValidationError(_("Enter an age from 16 to 45."))
        return age


class RowFormMixin(BootstrapFormMixin):
    """A row of the plan's page; the select lists come read once for the page (`choices`)."""

    def __init__(self, *args, user=None, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _short_textareas(self)
        for name, values in (choices or {}).items():
            if name in self.fields:
                self.fields[name].choices = values

    def has_changed(self):
        if self.instance.pk:
            return super().has_changed()
        # A new row counts once something is typed in it: a row sent back blank (a default
        # emptied, or a row the page removed and shows again after an error) is no row.
        return any(self[name].data not in (None, "", [], ()) for name in self.changed_data)


class LevelRowForm(RowFormMixin, LevelForm):
    class Meta(LevelForm.Meta):
        fields = ["kind", "numeral", *LevelForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Its events were generated for this level: the level stays what it is.
            self.fields["kind"].disabled = True


class AgendaRowForm(RowFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class PilotRowForm(RowFormMixin, forms.ModelForm):
    unit = forms.ModelChoiceField(label=_("Pilot unit"), queryset=Unit.objects.all())
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.all(), required=False
    )
    follower_unit = forms.ModelChoiceField(
        label=_("Unit of the council member"), queryset=Unit.objects.all(), required=False
    )

    class Meta:
        model = PilotUnit
        fields = [
            "cluster",
            "unit",
            "unit_label",
            "follower_title",
            "follower_role",
            "follower_unit",
            "follower",
        ]

    def clean_unit(self):
        unit = self.cleaned_data["unit"]
        ids = unit_ids_visible_to(self.user) if self.user is not None else None
        if ids is not None and unit.pk not in ids:
            raise forms.ValidationError(_("This unit is outside your units."))
        return unit


class DutyRowForm(RowFormMixin, forms.ModelForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.all(), required=False)
    due_by = VnDateField(label=_("Due by"), required=False)

    class Meta:
        model = ImplementationDuty
        fields = ["heading", "unit", "body", "due_by"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class SectionRowForm(RowFormMixin, forms.ModelForm):
    class Meta:
        model = PlanSection
        fields = ["depth", "numeral", "heading", "part", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}

    def clean_depth(self):
        depth = self.cleaned_data["depth"]
        if not 1 <= depth <= 3:
            raise forms.ValidationError(_("The depth is 1, 2 or 3."))
        return depth


class RowFormSetBase(forms.BaseInlineFormSet):
    """Rows of a plan; Django's own formset messages lack Vietnamese, so they are ours."""

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

    def get_unique_error_message(self, unique_check):
        return _("Two rows are the same; keep one.")

    def get_form_error(self):
        # On each of the two rows (Django's says "correct the duplicate values below", which
        # misleads in the summary at the top of the page).
        return _("Two rows are the same; keep one.")


def _formset(model, form, **kwargs):
    return forms.inlineformset_factory(
        CongressPlan, model, form=form, formset=RowFormSetBase, extra=0, can_delete=True, **kwargs
    )


# name -> (formset class, row form class, title); the order is the order on the page.
PLAN_FORMSETS = {
    "levels": (
        _formset(CongressLevel, LevelRowForm, min_num=1, validate_min=True, max_num=3),
        LevelRowForm,
        _("Levels, forms, deadlines and rules"),
    ),
    "agenda": (
        _formset(AgendaItem, AgendaRowForm, min_num=1, validate_min=True),
        AgendaRowForm,
        _("Agenda of the congresses"),
    ),
    "pilots": (_formset(PilotUnit, PilotRowForm), PilotRowForm, _("Pilot units")),
    "duties": (
        _formset(ImplementationDuty, DutyRowForm),
        DutyRowForm,
        _("Duties of departments and units"),
    ),
    "sections": (
        _formset(PlanSection, SectionRowForm),
        SectionRowForm,
        _("Sections of the document"),
    ),
}
PLAN_ROW_FORMS = {name: spec[1] for name, spec in PLAN_FORMSETS.items()}


def row_choices() -> dict:
    """The select lists of the rows, read once for a whole page (not once per row)."""
    from accounts.choices import Role
    from accounts.models import User

    units = list(forms.ModelChoiceField(queryset=Unit.objects.order_by(Vietnamese("name"))).choices)
    clusters = [("", "---------")] + [
        (c.pk, f"{c.name} ({c.year})")
        for c in Cluster.objects.order_by("-year", Vietnamese("name"))
    ]
    members = [("", "---------")] + [
        (u.pk, u.get_full_name() or u.username)
        for u in User.objects.filter(groups__name=Role.COUNCIL_MEMBER, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    ]
    return {"unit": units, "follower_unit": units, "cluster": clusters, "follower": members}


def build_plan_formsets(*, data=None, instance, user, initial=None) -> dict:
    """The formsets of the plan's page; `initial` (name -> rows) prefills a new plan."""
    choices = row_choices()
    initial = initial or {}
    formsets = {}
    for name, (formset_class, _form, _title) in PLAN_FORMSETS.items():
        formset = formset_class(
            data,
            instance=instance,
            prefix=name,
            initial=initial.get(name),
            form_kwargs={"user": user, "choices": choices},
        )
        if data is None and name in initial:
            # extra rows carry the prefilled values; min_num counts in them
            formset.extra = max(len(initial[name]) - formset.min_num, 0)
        formsets[name] = formset
    return formsets
