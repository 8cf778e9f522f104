"""No public page shows a nominee's birth date, birth year, citizen ID or phone number.

The data is realistic: an issued decision whose individuals have all four, posted publicly
with a comment, a published campaign, the honour roll. Every /public/... and /verify/... page
reachable from them is read anonymously and searched for each value.
"""

# The decisions suite's fixtures are imported below and used as arguments (F811 is expected).
# ruff: noqa: F811
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import Person
from nominations.models import Posting, PostingItem
from tests.decisions.conftest import (  # noqa: F401
    campaign,
    draft,
    fast_and_isolated,
    forms,
    issued,
    make_approved,
    staff,
)

BIRTH_DATE = datetime.date(1985, 7, 23)
SECRETS = ["23/07/1985", "1985-07-23", "1985", "020185001234", "0912345678", "091 234 5678"]


@pytest.fixture
def public_pages(issued, campaign, tree, client):
    people = Person.objects.filter(entries__isnull=False).distinct()
    assert people.count() == 3
    people.update(birth_date=BIRTH_DATE, birth_year=1985, citizen_id="020185001234")
    for person in people:
        # Staff phone numbers live on users; a nominee who is also a user carries one too.
        from accounts.models import User

        User.objects.create(
            username=f"u{person.pk}",
            first_name=person.full_name.split()[-1],
            last_name=person.full_name.split()[0],
            phone="0912345678",
            unit=tree.cao_lau,
        )
    dossier = issued.decision_awards.first().entry.dossier
    today = timezone.localdate()
    posting = Posting.objects.create(
        dossier=dossier,
        unit=tree.province,
        opened_on=today,
        working_days=5,
        closes_on=today + datetime.timedelta(days=7),
    )
    for position, award in enumerate(issued.decision_awards.all(), start=1):
        PostingItem.objects.create(
            posting=posting,
            entry=award.entry,
            position=position,
            **_item_fields(award.entry),
        )
    urls = [
        reverse("public_campaign_list"),
        reverse("public_campaign_detail", args=[campaign.pk]),
        reverse("public_posting_detail", args=[posting.pk]),
        reverse("public_posting_list"),
        reverse("public_decisions:list"),
        reverse("honours:roll"),
        *[reverse("verify", args=[a.token]) for a in issued.decision_awards.all()],
    ]
    return urls


def _item_fields(entry):
    """The fields a posted item copies (only those the model has)."""
    names = {f.name for f in PostingItem._meta.get_fields()}
    values = {
        "name": entry.nominee_name,
        "nominee_name": entry.nominee_name,
        "description": entry.achievement,
        "form": entry.proposed_form,
        "form_name": str(entry.proposed_form),
        "unit_name": str(entry.unit or ""),
        "subject_kind": entry.subject_kind,
    }
    return {k: v for k, v in values.items() if k in names}


def test_no_public_page_shows_birth_dates_ids_or_phone_numbers(public_pages, client):
    for url in public_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for secret in SECRETS:
            assert secret not in text, f"{secret} on {url}"


def test_the_check_would_catch_a_leak(public_pages, client, staff):
    """A staff page that does show the birth year: the same search finds it there."""
    person = Person.objects.filter(entries__isnull=False).first()
    client.force_login(staff.province_officer)
    text = client.get(reverse("awards:person_history", args=[person.pk])).content.decode()
    assert "1985" in text
