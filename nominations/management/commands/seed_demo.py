"""Load the real units, the seed documents and demo accounts. Idempotent; local use only."""

import importlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from accounts.choices import Role
from accounts.models import User
from campaigns.models import Unit

DEMO_PASSWORD = "ThiDua@2026"

# username, unit pk (see build_unit_fixtures), roles, full name (family, given), position
DEMO_ACCOUNTS = [
    ("quantri", 21, [Role.ADMIN], ("Quản", "Trị Viên"), "Quản trị hệ thống"),
    ("tinh.canbo", 21, [Role.OFFICER], ("Nông", "Thị Hoa"), "Chuyên viên Ban TĐKT"),
    ("tinh.lanhdao", 1, [Role.LEADER], ("Hồ", "Tiến Thiệu"), "Chủ tịch UBND tỉnh"),
    ("tinh.hoidong", 1, [Role.COUNCIL_MEMBER], ("Lương", "Văn Minh"), "Ủy viên Hội đồng TĐKT tỉnh"),
    ("caoloc.canbo", 2183, [Role.OFFICER], ("Hoàng", "Văn Nam"), "Chuyên viên Phòng Nội vụ"),
    ("caoloc.lanhdao", 1183, [Role.LEADER], ("Lộc", "Văn Hùng"), "Chủ tịch UBND huyện"),
    (
        "caoloc.hoidong",
        1183,
        [Role.COUNCIL_MEMBER],
        ("Vi", "Thị Lan"),
        "Ủy viên Hội đồng TĐKT huyện",
    ),
    ("caolau.canbo", 106196, [Role.OFFICER], ("Lăng", "Thị Mai"), "Công chức Văn phòng - Thống kê"),
    ("caolau.lanhdao", 106196, [Role.LEADER], ("Vi", "Văn Đồng"), "Phó Chủ tịch UBND xã"),
    (
        "caolau.hoidong",
        106196,
        [Role.COUNCIL_MEMBER],
        ("Hà", "Văn Tuấn"),
        "Ủy viên Hội đồng TĐKT xã",
    ),
    (
        "bason.canbo",
        206196,
        [Role.OFFICER],
        ("Chu", "Thị Hằng"),
        "Công chức Văn phòng HĐND và UBND",
    ),
    ("bason.lanhdao", 206196, [Role.LEADER], ("Mông", "Văn Thắng"), "Chủ tịch UBND xã"),
    (
        "bason.hoidong",
        206196,
        [Role.COUNCIL_MEMBER],
        ("Hoàng", "Thị Thu"),
        "Ủy viên Hội đồng TĐKT xã",
    ),
]

# Optional seeders of later apps, run when present: (module, function).
SEEDERS = [
    ("awards.seed", "seed_award_catalogue"),
    ("campaigns.seed", "seed_campaigns"),
    ("awards.seed", "seed_campaign_awards"),
    ("nominations.seed", "seed_nominations"),
    ("decisions.seed", "seed_decisions"),
    ("congresses.seed", "seed_congresses"),
]


class Command(BaseCommand):
    help = "Load Lạng Sơn's units, the seed documents and demo accounts (idempotent)."

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._seed()

    def _seed(self):
        fixture = Path(settings.BASE_DIR) / "fixtures" / "units.json"
        call_command("loaddata", str(fixture), verbosity=0)
        self.stdout.write(f"Units: {Unit.objects.count()} (fixtures/units.json)")
        with transaction.atomic():
            groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
            for username, unit_pk, roles, (last, first), position in DEMO_ACCOUNTS:
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={"first_name": first, "last_name": last, "position": position},
                )
                user.unit = Unit.objects.get(pk=unit_pk)
                user.is_staff = Role.ADMIN in roles
                user.is_superuser = Role.ADMIN in roles
                if created:
                    user.set_password(DEMO_PASSWORD)
                user.save()
                user.groups.set([groups[r] for r in roles])
        for module_name, function_name in SEEDERS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                continue
            if hasattr(module, function_name):
                result = getattr(module, function_name)()
                if isinstance(result, list | tuple):
                    result = f"{len(result)}"
                self.stdout.write(f"{module_name}.{function_name}: {result or 'ok'}")
        self.stdout.write(
            self.style.WARNING("Demo accounts (local use only), password: " + DEMO_PASSWORD)
        )
        for username, unit_pk, roles, _name, _position in DEMO_ACCOUNTS:
            unit = Unit.objects.get(pk=unit_pk)
            self.stdout.write(f"  {username:16} {', '.join(str(r.label) for r in roles):45} {unit}")
