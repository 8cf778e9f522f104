"""Dates are typed day first, as Vietnamese write them, in every form that asks for one."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Campaign
from decisions.forms import RevokeForm
from decisions.models import DecisionAward
from documents.forms import VnDateField
from nominations.forms import DossierForm
from nominations.views_council import SessionForm


def test_a_date_is_read_day_first_and_printed_so():
    field = VnDateField()
    assert field.clean("05/06/2023") == datetime.date(2023, 6, 5)
    assert field.clean("2023-06-05") == datetime.date(2023, 6, 5)  # a script's ISO date
    assert field.widget.format_value(datetime.date(2023, 6, 5)) == "05/06/2023"
    with pytest.raises(ValidationError):
        field.clean("06/31/2023")  # month first: refused, not read as another day


@pytest.mark.parametrize(
    ("form", "name"),
    [
        (lambda: DossierForm(campaigns=Campaign.objects.none()), "date"),
        (lambda: SessionForm(), "date"),
        (lambda: RevokeForm(awardees=DecisionAward.objects.none()), "revoking_date"),
    ],
)
def test_every_date_of_the_workflow_is_a_text_box_day_first(form, name):
    """Not the browser's date input, which shows mm/dd/yyyy on an English Windows."""
    html = str(form()[name])
    assert 'type="text"' in html
    assert 'placeholder="dd/mm/yyyy"' in html
