from django import forms
from django.template.loader import render_to_string

from accounts.forms import BootstrapFormMixin


class _Form(BootstrapFormMixin, forms.Form):
    forms_offered = forms.MultipleChoiceField(
        label="Hình thức",
        choices=[("a", "Hội nghị A"), ("b", "Đại hội B")],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )


def test_each_checkbox_of_a_multiple_choice_is_its_own_form_check():
    html = render_to_string(
        "includes/form_fields.html", {"form": _Form(initial={"forms_offered": ["a"]})}
    )
    assert html.count('<div class="form-check">') == 2
    assert 'id="id_forms_offered" class="form-check-input"' not in html
    assert '<div id="id_forms_offered"' not in html
    assert "checked" in html
