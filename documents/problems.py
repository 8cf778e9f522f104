"""The summary of a long form's errors, printed above it with a link to each one.

A campaign or a congress plan is a page of several screens: its form and the formsets of its
rows (issuers, content items and their targets, recipients, …). When a save fails, the page
comes back at its top; an error in a row at the bottom would be out of sight and the page
would look as though nothing happened. The summary says that nothing was saved and lists every
error with where it is (the field, or the section and its row) and a link to it.

Anchors: a field's id (`id_…`), `errors-<prefix>` for a formset's own errors, `row-<prefix>`
for a row's, `errors-form` for the form's (the templates print those ids). A row form may
carry formsets of its own as `nested_formsets`, (formset, title) pairs.
"""

from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    anchor: str


def _field_problems(form, prefix_label: str = "", row_anchor: str = "error-summary"):
    problems = []
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        field = form[name]
        if field.is_hidden:
            # A row's hidden id (the row removed meanwhile by someone else): the row itself.
            where, anchor = prefix_label, row_anchor
        else:
            label = capfirst(field.label)
            where = f"{prefix_label} › {label}" if prefix_label else label
            # A list of checkboxes has no label of its own: its first box.
            anchor = field.id_for_label or next(
                (box.id_for_label for box in field.subwidgets), field.auto_id
            )
        problems += [Problem(where, message, anchor) for message in errors]
    return problems


def _formset_problems(formset, title: str) -> list[Problem]:
    problems = [
        Problem(title, message, f"errors-{formset.prefix}") for message in formset.non_form_errors()
    ]
    for number, form in enumerate(formset.forms, start=1):
        if formset.can_delete and formset._should_delete_form(form):
            continue  # a row removed on saving: Django does not validate it either
        row = _("%(section)s, row %(row)d") % {"section": title, "row": number}
        anchor = f"row-{form.prefix}"
        problems += [Problem(row, message, anchor) for message in form.non_field_errors()]
        problems += _field_problems(form, row, anchor)
        # A row may carry formsets of its own (a content item's targets).
        for nested, nested_title in getattr(form, "nested_formsets", ()):
            if nested.is_bound:
                problems += _formset_problems(nested, f"{row} › {capfirst(str(nested_title))}")
    return problems


def error_summary(form=None, sections=()) -> list[Problem]:
    """Every error of a bound `form` and of `sections`, (formset, title) pairs, in page order."""
    problems = []
    if form is not None and form.is_bound:
        problems += [Problem("", message, "errors-form") for message in form.non_field_errors()]
        problems += _field_problems(form)
    for formset, title in sections:
        if formset.is_bound:
            problems += _formset_problems(formset, str(title))
    return problems
