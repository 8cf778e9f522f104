"""The form layout (`includes/form_fields.html`): a label starts with a capital, as a model
field's does, even when the form's own label is written in lower case ("lý do")."""

from django import forms
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin


class _Form(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("reason"))
    agreed = forms.BooleanField(label="đồng ý", required=False)
    choices = forms.MultipleChoiceField(
        label="các khen thưởng", choices=[("a", "A")], widget=forms.CheckboxSelectMultiple
    )


def test_every_label_starts_with_a_capital():
    with translation.override("vi"):
        html = render_to_string("includes/form_fields.html", {"form": _Form()})
    assert 'for="id_reason">Lý do <span class="text-danger">*</span></label>' in html
    assert 'for="id_agreed">Đồng ý</label>' in html
    assert '<legend class="form-label fs-6 mb-1">Các khen thưởng' in html
