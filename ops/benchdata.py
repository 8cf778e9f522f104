"""The benchmark's data set: Lạng Sơn's real units, the demo seeds, then bulk rows on top.

Only ever run against the benchmark's own database (see ops/management/commands/bench.py).
Rows are written with bulk_create in large batches: a province-scale set (50 campaigns, 20,000
dossiers, 100,000 entries, 50,000 awards) takes seconds, not minutes. `add_rows` is additive,
so the benchmark can measure queries per page at a small size, add the rest, and measure again.
"""

import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from awards.choices import Gender, SubjectKind
from awards.models import Award, AwardForm, CampaignAward, Person
from campaigns.choices import CampaignStatus, UnitKind
from campaigns.models import Campaign, CampaignIssuer, DocumentType, Unit
from documents.text import fold
from nominations.choices import DossierStatus, EntryStatus
from nominations.models import Dossier, Entry

BATCH = 2000
# Province scale (issue 9): the full benchmark adds exactly these rows.
FULL = {"campaigns": 50, "dossiers": 20_000, "entries": 100_000, "awards": 50_000}
FORM_CODES = ["giay-khen-chu-tich-xa", "giay-khen-chu-tich-huyen", "bang-khen-chu-tich-tinh"]
REFORM_EVE = datetime.date(2025, 6, 30)
FAMILY = ["Nguyễn", "Hoàng", "Lăng", "Vi", "Lương", "Nông", "Triệu", "Đinh", "Hà", "Chu", "Mông"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hồng", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Đạt", "Giang", "Hà", "Hùng", "Lan", "Thảo", "Yến", "Tú"]
# Statuses of a commune's dossier (held by its district) and of a district's (held by the
# province); drafts stay with the proposer.
COMMUNE_STATUSES = [
    DossierStatus.DRAFT,
    DossierStatus.SUBMITTED,
    DossierStatus.RECEIVED,
    DossierStatus.APPRAISED,
    DossierStatus.FORWARDED,
    DossierStatus.DECIDED,
]
DISTRICT_STATUSES = [
    DossierStatus.SUBMITTED,
    DossierStatus.RECEIVED,
    DossierStatus.APPRAISED,
    DossierStatus.APPROVED,
    DossierStatus.DECIDED,
]
ENTRY_STATUS = {
    DossierStatus.DRAFT: EntryStatus.PROPOSED,
    DossierStatus.SUBMITTED: EntryStatus.PROPOSED,
    DossierStatus.RECEIVED: EntryStatus.PROPOSED,
    DossierStatus.APPRAISED: EntryStatus.AGREED,
    DossierStatus.FORWARDED: EntryStatus.FORWARDED,
    DossierStatus.APPROVED: EntryStatus.APPROVED,
    DossierStatus.DECIDED: EntryStatus.DECIDED,
}


def name_of(i: int) -> str:
    return (
        f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i // 11) % len(MIDDLE)]} "
        f"{GIVEN[(i // 88) % len(GIVEN)]}"
    )


def build_base(stdout=None) -> None:
    """Units (fixtures/units.json), demo accounts, award catalogue and the seed documents."""
    call_command("seed_demo", stdout=stdout or io.StringIO())


@dataclass
class Counts:
    campaigns: int = 0
    dossiers: int = 0
    entries: int = 0
    awards: int = 0
    people: int = 0


def scaled(fraction: float) -> dict[str, int]:
    return {key: max(1, round(value * fraction)) for key, value in FULL.items()}


@transaction.atomic
def add_rows(*, campaigns: int, dossiers: int, entries: int, awards: int) -> Counts:
    """Add campaigns, dossiers with their entries, and register awards, in bulk.

    Dossiers alternate between communes of the three-level tree (held by their district) and
    districts (held by the province), in every status, so that both the commune officer's and
    the provincial officer's pages have long lists behind them.
    """
    counts = Counts()
    province = Unit.objects.get(kind=UnitKind.PROVINCE, code=settings.PORTAL_PROVINCE_CODE)
    districts = list(
        Unit.objects.filter(kind__in=[UnitKind.DISTRICT, UnitKind.CITY], valid_to=REFORM_EVE)
    )
    communes = list(
        Unit.objects.filter(
            kind__in=[UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP],
            valid_to=REFORM_EVE,
            parent__in=districts,
        ).order_by("pk")
    )
    forms = list(AwardForm.objects.filter(code__in=FORM_CODES).order_by("code"))
    doc_type = DocumentType.objects.get(abbreviation="KH")
    start = Campaign.objects.count()

    new_campaigns = Campaign.objects.bulk_create(
        [
            Campaign(
                doc_type=doc_type,
                number=100 + start + i,
                title=(title := f"Phong trào thi đua năm 2024 số {start + i + 1}"),
                title_folded=fold(title),
                status=CampaignStatus.PUBLISHED,
                issue_year=2024,
                issue_month=1 + i % 12,
                issue_day=1 + i % 28,
                period_start=datetime.date(2024, 1, 1),
                period_end=datetime.date(2024, 12, 31),
                published_at=timezone.now(),
            )
            for i in range(campaigns)
        ]
    )
    issuers = [province, *districts]
    CampaignIssuer.objects.bulk_create(
        CampaignIssuer(campaign=c, unit=issuers[i % len(issuers)], abbreviation="UBND")
        for i, c in enumerate(new_campaigns)
    )
    CampaignAward.objects.bulk_create(
        CampaignAward(campaign=c, form=f, order=o)
        for c in new_campaigns
        for o, f in enumerate(forms)
    )
    counts.campaigns = len(new_campaigns)

    now = timezone.now()
    # Every dossier holds as many entries (written below).
    per_dossier = max(1, entries // max(1, dossiers))
    dossier_rows = []
    for i in range(dossiers):
        campaign = new_campaigns[i % len(new_campaigns)]
        if i % 3:
            proposer = communes[i % len(communes)]
            status = COMMUNE_STATUSES[i % len(COMMUNE_STATUSES)]
            holder = proposer if status == DossierStatus.DRAFT else proposer.parent
        else:
            proposer = districts[i % len(districts)]
            status = DISTRICT_STATUSES[i % len(DISTRICT_STATUSES)]
            holder = province
        dossier_rows.append(
            Dossier(
                campaign=campaign,
                proposing_unit=proposer,
                current_level=holder,
                status=status,
                number=None if status == DossierStatus.DRAFT else 1000 + i,
                date=datetime.date(2024, 1 + i % 12, 1 + i % 28),
                summary="Về việc đề nghị khen thưởng trong phong trào thi đua năm 2024",
                status_changed_at=now - datetime.timedelta(minutes=i),
                entry_count=per_dossier,  # the entries written below
            )
        )
    Dossier.objects.bulk_create(dossier_rows, batch_size=BATCH)
    counts.dossiers = len(dossier_rows)

    # Every other entry is an individual (a new person of the register each), the rest
    # collectives named as bodies of the proposing unit.
    people = []
    plan = []
    person_base = Person.objects.count()
    for d, dossier in enumerate(dossier_rows):
        for k in range(per_dossier):
            n = d * per_dossier + k
            if n % 2 == 0:
                name = name_of(person_base + len(people))
                people.append(
                    Person(
                        full_name=name,
                        name_folded=fold(name),
                        gender=Gender.FEMALE if " Thị " in name else Gender.MALE,
                        birth_year=1960 + n % 40,
                        position="Công chức",
                        unit=dossier.proposing_unit,
                    )
                )
                plan.append((dossier, k, people[-1]))
            else:
                plan.append((dossier, k, None))
    Person.objects.bulk_create(people, batch_size=BATCH)
    counts.people = len(people)
    entry_rows = []
    for dossier, k, person in plan:
        form = forms[k % len(forms)]
        if person is not None:
            kind, name, group = SubjectKind.INDIVIDUAL, person.full_name, ""
        else:
            kind, name = SubjectKind.COLLECTIVE, f"Chi bộ thôn Bản {k + 1}"
            group = name
        entry_rows.append(
            Entry(
                dossier=dossier,
                campaign_id=dossier.campaign_id,
                position=k + 1,
                subject_kind=kind,
                person=person,
                unit=dossier.proposing_unit,
                group_name=group,
                nominee_name=name,
                nominee_name_folded=fold(name),
                requested_form=form,
                proposed_form=form,
                achievement="Hoàn thành xuất sắc nhiệm vụ được giao năm 2024.",
                status=ENTRY_STATUS[dossier.status],
            )
        )
    Entry.objects.bulk_create(entry_rows, batch_size=BATCH)
    counts.entries = len(entry_rows)

    award_rows = []
    for a in range(awards):
        form = forms[a % len(forms)]
        person = people[a % len(people)] if a % 2 == 0 and people else None
        unit = person.unit if person else communes[a % len(communes)]
        name = person.full_name if person else f"Tập thể {unit.name}"
        award_rows.append(
            Award(
                subject_kind=SubjectKind.INDIVIDUAL if person else SubjectKind.COLLECTIVE,
                person=person,
                unit=unit,
                recipient_name=name,
                recipient_name_folded=fold(name),
                form=form,
                campaign=new_campaigns[a % len(new_campaigns)],
                proposing_unit=unit,
                decision_number=f"{1 + a % 900}/QĐ-UBND",
                decision_date=datetime.date(2019 + a % 6, 1 + a % 12, 1 + a % 28),
                decision_issuer="UBND tỉnh Lạng Sơn",
                achievement="Đã có thành tích xuất sắc trong phong trào thi đua.",
            )
        )
    Award.objects.bulk_create(award_rows, batch_size=BATCH)
    counts.awards = len(award_rows)
    return counts


def bench_user(username: str, unit: Unit, *roles: Role) -> User:
    """A user of the benchmark (signed in through a session written directly)."""
    user, _ = User.objects.get_or_create(
        username=username, defaults={"unit": unit, "first_name": "Văn A", "last_name": "Nguyễn"}
    )
    user.groups.set([Group.objects.get_or_create(name=r.value)[0] for r in roles])
    return user


def row_counts() -> dict[str, int]:
    return {
        "units": Unit.objects.count(),
        "campaigns": Campaign.objects.count(),
        "dossiers": Dossier.objects.count(),
        "entries": Entry.objects.count(),
        "awards": Award.objects.count(),
        "people": Person.objects.count(),
    }


def import_workbook(rows: int, *, form_name: str) -> bytes:
    """An .xlsx of `rows` new individuals in the import template's columns."""
    from openpyxl import Workbook

    from nominations.importing import COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(COLUMNS.values()))
    for i in range(rows):
        full = f"{name_of(i)} {i}"
        sheet.append(
            [
                i + 1,
                full,
                "Cá nhân",
                "Nữ" if " Thị " in full else "Nam",
                1960 + i % 40,
                "Tày",
                "Nông dân sản xuất giỏi",
                "",
                "",
                form_name,
                "Hoàn thành xuất sắc nhiệm vụ trong phong trào thi đua.",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
