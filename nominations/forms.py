"""Forms collect input; services change state (no workflow field here)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin
from accounts.selectors import units_visible_to
from awards.choices import Gender, SubjectKind
from awards.models import AwardForm
from awards.selectors import offered_forms, people_visible_to
from campaigns.selectors import choice_label, with_issuer_name
from documents.collation import Vietnamese
from documents.forms import VnDateField
from nominations.choices import AttachmentKind, ReviewDecision


class PortalFormMixin(BootstrapFormMixin):
    """Bootstrap classes, labels starting with a capital, and "—" as the empty choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = capfirst(field.label)
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = "—"


class DossierForm(PortalFormMixin, forms.Form):
    campaign = forms.ModelChoiceField(label=_("campaign"), queryset=None)
    summary = forms.CharField(
        label=_("summary (trích yếu)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Empty: “Về việc đề nghị khen thưởng trong …” with the campaign's title."),
    )
    date = VnDateField(
        label=_("date"),
        required=False,
        help_text=_("Empty: the day it is submitted. Enter it for a tờ trình signed on paper."),
    )

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        # Each campaign by its title and lead issuer: the plans of a cascade share titles.
        self.fields["campaign"].queryset = with_issuer_name(campaigns)
        self.fields["campaign"].label_from_instance = choice_label


class DossierEditForm(PortalFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("summary (trích yếu)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    date = DossierForm.base_fields["date"]


class EntryForm(PortalFormMixin, forms.Form):
    """One nominee: a person of the register or a new one, a collective, or a household.

    Each nominee's fields belong to the kinds in KIND_FIELDS; the page shows those of the kind
    chosen, and what was typed in another kind's fields is ignored, its errors included."""

    # The fields of each kind of nominee; the others (kind, form, achievements) are common.
    KIND_FIELDS = {
        "person": (SubjectKind.INDIVIDUAL,),
        "full_name": (SubjectKind.INDIVIDUAL,),
        "gender": (SubjectKind.INDIVIDUAL,),
        "birth_year": (SubjectKind.INDIVIDUAL,),
        "position": (SubjectKind.INDIVIDUAL,),
        "citizen_id": (SubjectKind.INDIVIDUAL,),
        "unit": (SubjectKind.COLLECTIVE, SubjectKind.HOUSEHOLD),
        "group_name": (SubjectKind.COLLECTIVE, SubjectKind.HOUSEHOLD),
        "head_name": (SubjectKind.HOUSEHOLD,),
    }

    subject_kind = forms.ChoiceField(label=_("subject kind"), choices=SubjectKind.choices)
    requested_form = forms.ModelChoiceField(label=_("form requested"), queryset=None)
    person = forms.ModelChoiceField(
        label=_("person from the register"),
        queryset=None,
        required=False,
        help_text=_("Search above to narrow the list; or leave empty and enter a new person."),
    )
    full_name = forms.CharField(label=_("full name (new person)"), max_length=200, required=False)
    gender = forms.ChoiceField(
        label=_("gender"), choices=[("", "—"), *Gender.choices], required=False
    )
    birth_year = forms.IntegerField(
        label=_("birth year"), min_value=1900, max_value=2100, required=False
    )
    position = forms.CharField(label=_("position"), max_length=200, required=False)
    citizen_id = forms.RegexField(
        label=_("citizen ID number"),
        regex=r"^\d{9}$|^\d{12}$",
        required=False,
        error_messages={"invalid": _("A citizen ID number has 12 digits (or 9 for an old one).")},
    )
    unit = forms.ModelChoiceField(
        label=_("unit (collective or household)"), queryset=None, required=False
    )
    group_name = forms.CharField(
        label=_("name of the group or household"), max_length=300, required=False
    )
    head_name = forms.CharField(label=_("head of household"), max_length=200, required=False)
    achievement = forms.CharField(
        label=_("summary of achievements"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, dossier, user, person_query="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_form"].queryset = AwardForm.objects.filter(
            offers__campaign=dossier.campaign
        ).order_by("offers__order")
        people = people_visible_to(user)
        self.fields["person"].queryset = people
        # Validation takes any person in scope; the list offers the search results and the
        # person already chosen, never the whole register.
        shown = (
            list(people.search(person_query).order_by("name_folded")[:50]) if person_query else []
        )
        selected = self.data.get("person") or self.initial.get("person")
        selected = getattr(selected, "pk", selected)
        if selected and str(selected).isdigit() and all(p.pk != int(selected) for p in shown):
            shown += list(people.filter(pk=selected))
        self.fields["person"].choices = [("", "—")] + [
            (p.pk, f"{p.full_name} ({p.birth_year or '?'}) – {p.unit.name}") for p in shown
        ]
        self.fields["unit"].queryset = units_visible_to(user).order_by(Vietnamese("name"))
        # The classes of each kind's fields, on their wrappers (includes/form_fields.html).
        for name, kinds in self.KIND_FIELDS.items():
            self.fields[name].wrapper_class = " ".join(
                ["kind-field", *(f"kind-{kind}" for kind in kinds)]
            )

    def clean(self):
        data = super().clean()
        kind = data.get("subject_kind")
        if kind:
            # Another kind's fields are not saved: a bad citizen ID typed before choosing
            # "Tập thể" must not refuse the collective with an error the page no longer shows.
            for name, kinds in self.KIND_FIELDS.items():
                if kind not in kinds:
                    self._errors.pop(name, None)
                    data.pop(name, None)
        if kind == SubjectKind.INDIVIDUAL:
            if not data.get("person") and not data.get("full_name"):
                self.add_error("person", _("Choose a person or enter a new one."))
        elif kind == SubjectKind.COLLECTIVE:
            if not data.get("unit") and not data.get("group_name"):
                self.add_error("unit", _("Choose a unit or name the group."))
        elif kind == SubjectKind.HOUSEHOLD and not data.get("group_name"):
            self.add_error("group_name", _("Name the household."))
        return data

    def new_person(self) -> dict | None:
        data = self.cleaned_data
        if data.get("person") or not data.get("full_name"):
            return None
        return {
            "full_name": data["full_name"].strip(),
            "gender": data.get("gender") or "",
            "birth_year": data.get("birth_year"),
            "position": data.get("position") or "",
            "citizen_id": data.get("citizen_id") or "",
        }


# The dossier page prints one appraisal form per entry, with the prefix "e<entry id>"
# (EntryAppraiseView binds it so); the page renders the form once with this prefix and puts
# each entry's in its place.
APPRAISE_PREFIX = "eAPPRAISEDENTRY"


def appraise_prefix(entry_pk: int) -> str:
    return f"e{entry_pk}"


class AppraiseForm(PortalFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("decision"), choices=ReviewDecision.choices)
    form = forms.ModelChoiceField(
        label=_("new form (lower or raise)"), queryset=None, required=False
    )
    reason = forms.CharField(
        label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        # The queryset of the kept statement that reads the page's menu: one definition.
        self.fields["form"].queryset = offered_forms.build(campaign_id=dossier.campaign_id)


class ReturnForm(PortalFormMixin, forms.Form):
    """A comment on the dossier and one per entry: what must be completed."""

    general = forms.CharField(
        label=_("on the dossier"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = list(entries)
        for entry in self.entries:
            self.fields[f"entry_{entry.pk}"] = forms.CharField(
                label=entry.nominee_name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )

    def clean(self):
        data = super().clean()
        if not any((value or "").strip() for value in data.values()):
            raise forms.ValidationError(_("Say what must be completed."))
        return data

    def comments(self) -> dict:
        data = self.cleaned_data
        result = {None: data.get("general", "")}
        for entry in self.entries:
            result[entry.pk] = data.get(f"entry_{entry.pk}", "")
        return result


class AttachmentForm(PortalFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("file"))
