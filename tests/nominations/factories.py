"""Factories for nominations tests (units and users come from tests/factories.py)."""

import datetime

import factory

from awards.choices import SubjectKind
from awards.models import AwardForm, CampaignAward, Person
from campaigns.choices import CampaignStatus
from campaigns.models import Campaign, CampaignIssuer, DocumentType
from nominations.models import Dossier, Entry, recount_entries


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    doc_type = factory.LazyFunction(lambda: DocumentType.objects.get(abbreviation="KH"))
    title = factory.Sequence(lambda n: f"Phong trào thi đua đặc biệt số {n}")
    status = CampaignStatus.PUBLISHED
    issue_year = 2024

    @factory.post_generation
    def issuer(self, create, extracted, **kwargs):
        if create and extracted is not None:
            CampaignIssuer.objects.create(campaign=self, unit=extracted, abbreviation="UBND")

    @factory.post_generation
    def forms(self, create, extracted, **kwargs):
        """Codes of the award forms the campaign offers."""
        if create and extracted:
            for order, code in enumerate(extracted):
                CampaignAward.objects.create(
                    campaign=self, form=AwardForm.objects.get(code=code), order=order
                )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Lăng Văn Thử {n}")
    birth_year = factory.Sequence(lambda n: 1960 + n % 40)


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    summary = "Về việc đề nghị khen thưởng"
    date = datetime.date(2024, 5, 1)


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    campaign = factory.LazyAttribute(lambda o: o.dossier.campaign)
    subject_kind = SubjectKind.INDIVIDUAL
    person = factory.LazyAttribute(lambda o: PersonFactory(unit=o.dossier.proposing_unit))
    unit = factory.LazyAttribute(lambda o: o.person.unit if o.person else None)
    proposed_form = factory.LazyAttribute(lambda o: o.requested_form)
    achievement = "Hoàn thành xuất sắc nhiệm vụ năm 2024."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        entry = super()._create(model_class, *args, **kwargs)
        recount_entries([entry.dossier_id])  # as the services do
        # The dossier object the test holds counts it too (a later save() keeps the count).
        entry.dossier.entry_count = Dossier.objects.get(pk=entry.dossier_id).entry_count
        return entry
