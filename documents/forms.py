"""Form fields every app shares."""

from django import forms

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
