import datetime

import factory
import pytest

from awards.choices import SubjectKind
from awards.models import Award, AwardForm, Person
from awards.seed import seed_award_catalogue
from campaigns.models import Campaign, CampaignIssuer, DocumentType


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Hoàng Văn Thử {n}")
    birth_year = 1980


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    subject_kind = SubjectKind.INDIVIDUAL
    person = factory.SubFactory(PersonFactory)
    unit = factory.LazyAttribute(lambda o: o.person.unit)
    recipient_name = factory.LazyAttribute(lambda o: o.person.full_name)
    decision_number = factory.Sequence(lambda n: f"{n + 1}/QĐ-UBND")
    decision_date = datetime.date(2023, 6, 20)
    decision_issuer = "Chủ tịch UBND huyện Cao Lộc"


@pytest.fixture
def catalogue(db):
    seed_award_catalogue()
    return {form.code: form for form in AwardForm.objects.all()}


@pytest.fixture
def make_campaign(db):
    def make(issuer, title="Phong trào thi đua đặc biệt chào mừng 90 năm Đảng bộ tỉnh", **kw):
        campaign = Campaign.objects.create(
            doc_type=DocumentType.objects.get(abbreviation="KH"), title=title, **kw
        )
        CampaignIssuer.objects.create(campaign=campaign, unit=issuer, abbreviation="UBND")
        return campaign

    return make
