"""Form fields every app shares."""

from django import forms
from django.core.exceptions import ValidationError

# A date as Vietnamese forms write it, day first; ISO as well (what a browser's date picker and
# scripts send).
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class VnDateField(forms.DateField):
    """A date typed as dd/mm/yyyy, as Vietnamese forms write it.

    A text box, not the browser's date input: that one shows the order of the computer's
    language, mm/dd/yyyy on an English Windows, where "05/06/2023" typed as a Vietnamese
    writes it would be 6 May."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
        )
        super().__init__(**kwargs)


def errors_to_form(error: ValidationError, form, formsets=None) -> None:
    """Put a service's refusal on the form it came from: each error at the field it names,
    or on the formset of that name, else at the top of the form."""
    formsets = formsets or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        if field in formsets:
            formsets[field]._non_form_errors = formsets[field].error_class(
                [e.message % (e.params or {}) for e in errors]
            )
        elif field in form.fields:
            form.add_error(field, errors)
        else:
            form.add_error(None, errors)
