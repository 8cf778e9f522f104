import datetime

import pytest

from accounts.choices import Role
from awards.models import AwardForm
from awards.seed import seed_award_catalogue
from tests.nominations.factories import CampaignFactory, DossierFactory, EntryFactory

FORMS = ["giay-khen-chu-tich-xa", "giay-khen-chu-tich-huyen", "bang-khen-chu-tich-tinh"]
BEFORE = datetime.date(2024, 5, 1)
AFTER = datetime.date(2025, 8, 1)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Many users per test: a cheap hasher keeps the suite fast (hashing is not under test)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def forms(db):
    seed_award_catalogue()
    return {f.code: f for f in AwardForm.objects.filter(code__in=FORMS)}


@pytest.fixture
def campaign(tree, forms):
    return CampaignFactory(issuer=tree.province, forms=FORMS)


@pytest.fixture
def people(tree, make_user):
    """Users of every level: officers, leaders and council members."""
    p = {}
    for key, unit in [
        ("cao_lau", tree.cao_lau),
        ("xuat_le", tree.xuat_le),
        ("cao_loc", tree.cao_loc),
        ("province", tree.ban_tdkt),
        ("ba_son", tree.ba_son),
    ]:
        p[f"{key}_officer"] = make_user(unit, Role.OFFICER, email=f"{key}@example.vn")
        p[f"{key}_leader"] = make_user(unit, Role.LEADER)
        p[f"{key}_council"] = make_user(unit, Role.COUNCIL_MEMBER)
    # The provincial leader belongs to the province itself, not to its standing office.
    p["province_leader"] = make_user(tree.province, Role.LEADER)
    return type("People", (), p)


@pytest.fixture
def make_dossier(campaign):
    def make(unit, *codes, date=BEFORE, **kwargs):
        dossier = DossierFactory(campaign=campaign, proposing_unit=unit, date=date, **kwargs)
        for code in codes:
            EntryFactory(dossier=dossier, requested_form=AwardForm.objects.get(code=code))
        return dossier

    return make
