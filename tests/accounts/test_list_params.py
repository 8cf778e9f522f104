"""list_params: a list's filters for its template, "" for a filter not given."""

from django.template import Context, Template
from django.test import RequestFactory

from accounts.views import list_params


def test_missing_filters_are_blank_and_a_repeated_one_gives_its_last_value():
    request = RequestFactory().get("/dossiers/?status=received&status=posted&q=L%E1%BA%A1ng")
    params = list_params(request)
    assert (params["status"], params["q"], params["year"]) == ("posted", "Lạng", "")
    html = Template(
        "{{ params.q }}|{{ params.year }}|{% if params.status == 'posted' %}x{% endif %}"
    )
    assert html.render(Context({"params": params})) == "Lạng||x"
