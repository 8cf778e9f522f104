"""factory_boy factories shared by the test suite."""

import datetime

import factory
from django.contrib.auth.models import Group

from accounts.choices import Role
from accounts.models import User
from campaigns.choices import UnitKind
from campaigns.models import Unit, UnitSuccession

BEFORE_REFORM_END = datetime.date(2025, 6, 30)
REFORM = datetime.date(2025, 7, 1)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = UnitKind.COMMUNE
    parent = None


class ProvinceFactory(UnitFactory):
    name = "Tỉnh Lạng Sơn"
    kind = UnitKind.PROVINCE
    code = factory.Sequence(lambda n: f"P{n}")


class DistrictFactory(UnitFactory):
    name = factory.Sequence(lambda n: f"Huyện Thử {n}")
    kind = UnitKind.DISTRICT
    valid_to = BEFORE_REFORM_END


class OldCommuneFactory(UnitFactory):
    """A commune of the three-level tree (until 30/6/2025)."""

    valid_to = BEFORE_REFORM_END


class NewCommuneFactory(UnitFactory):
    """A commune of the two-level tree (from 1/7/2025)."""

    valid_from = REFORM


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Văn A"
    last_name = "Nguyễn"
    password = factory.django.Password("mat-khau-thu-nghiem")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        for role in extracted:
            group, _ = Group.objects.get_or_create(name=Role(role).value)
            self.groups.add(group)


def link(predecessor: Unit, successor: Unit, partial: bool = False) -> UnitSuccession:
    return UnitSuccession.objects.create(
        predecessor=predecessor, successor=successor, partial=partial
    )
