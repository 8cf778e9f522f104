from django.urls import reverse

from accounts.choices import Role
from awards.models import CampaignAward
from nominations.choices import DossierStatus
from nominations.models import Dossier
from nominations.seed import CAO_LAU_PK, SEED_003_KEY, seed_nominations
from tests.factories import DistrictFactory, OldCommuneFactory, ProvinceFactory, UserFactory
from tests.nominations.conftest import FORMS
from tests.nominations.factories import CampaignFactory


def test_seed_makes_cao_lau_dossiers_once(db, forms):
    province = ProvinceFactory()
    cao_loc = DistrictFactory(name="Huyện Cao Lộc", parent=province)
    cao_lau = OldCommuneFactory(pk=CAO_LAU_PK, name="Xã Cao Lâu", parent=cao_loc)
    UserFactory(username="caolau.canbo", unit=cao_lau, roles=[Role.OFFICER])
    campaign = CampaignFactory(issuer=cao_lau, forms=FORMS, issue_year=2023)
    campaign.seed_key = SEED_003_KEY
    campaign.save()
    assert CampaignAward.objects.filter(campaign=campaign).count() == 3

    seed_nominations()
    assert seed_nominations() == "already there"
    dossiers = Dossier.objects.filter(proposing_unit=cao_lau).order_by("pk")
    assert [d.status for d in dossiers] == [DossierStatus.SUBMITTED, DossierStatus.DRAFT]
    assert dossiers[0].current_level == cao_loc
    assert dossiers[1].entries.filter(subject_kind="household").exists()


def test_other_commune_officer_cannot_open_cao_lau_dossier(client, tree, people, make_dossier):
    """Stated the other way round: a Cao Lâu officer gets 404 on Xuất Lễ's dossier."""
    other = make_dossier(tree.xuat_le, "giay-khen-chu-tich-xa")
    client.force_login(people.cao_lau_officer)
    assert client.get(reverse("nominations:dossier_detail", args=[other.pk])).status_code == 404
    assert list(client.get(reverse("nominations:dossier_list")).context["dossiers"]) == []
