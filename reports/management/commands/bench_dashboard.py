"""Time the statistics dashboard on 100,000 throwaway entries.

Everything is built inside one transaction that is rolled back at the end: the database is
left as it was. Prints the time to build, the time of the dashboard's figures (SQL) and of
the whole page (figures and template), best of a few runs.
"""

import datetime
import random
import time

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from awards.choices import Gender, SubjectKind
from awards.models import Award, AwardForm, Person
from awards.seed import seed_award_catalogue
from campaigns.choices import CampaignStatus, UnitKind
from campaigns.models import Campaign, DocumentType, Unit
from documents.text import fold
from nominations.choices import DossierStatus, EntryStatus
from nominations.models import Dossier, Entry, recount_entries
from reports.selectors import dashboard, filters_from
from reports.views import DashboardView

BATCH = 5000
ETHNICITIES = ["Tày", "Nùng", "Kinh", "Dao", "Sán Chay", ""]
POSITIONS = ["Nông dân", "Công nhân", "Công chức", "Giáo viên", "Bí thư chi bộ", ""]
STATUSES = [
    DossierStatus.SUBMITTED,
    DossierStatus.RECEIVED,
    DossierStatus.APPRAISED,
    DossierStatus.FORWARDED,
    DossierStatus.COUNCIL,
    DossierStatus.APPROVED,
]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the statistics dashboard on throwaway data (rolled back at the end)."

    def add_arguments(self, parser):
        parser.add_argument("--entries", type=int, default=100_000)
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, entries, runs, **options):
        self.rng = random.Random(7)
        try:
            with transaction.atomic():
                started = time.perf_counter()
                user, counts = self.build(entries)
                built = time.perf_counter() - started
                self.stdout.write(
                    f"built {counts['entries']:,} entries, {counts['awards']:,} awards, "
                    f"{counts['dossiers']:,} dossiers in {built:.1f} s "
                    f"({connection.vendor})"
                )
                self.report(user, runs)
                raise Rollback
        except Rollback:
            pass

    def build(self, n_entries: int):
        rng = self.rng
        seed_award_catalogue()
        forms = list(AwardForm.objects.filter(valid_to__isnull=True))
        province = Unit.objects.create(name="Tỉnh Thử Nghiệm", kind=UnitKind.PROVINCE)
        districts = Unit.objects.bulk_create(
            [
                Unit(name=f"Huyện Thử {i}", name_folded=f"huyen thu {i}", kind=UnitKind.DISTRICT)
                for i in range(10)
            ]
        )
        for district in districts:
            district.parent = province
        Unit.objects.bulk_update(districts, ["parent"])
        communes = Unit.objects.bulk_create(
            [
                Unit(
                    name=f"Xã Thử {i}",
                    name_folded=f"xa thu {i}",
                    kind=UnitKind.COMMUNE,
                    parent=districts[i % 10],
                )
                for i in range(200)
            ]
        )
        campaign = Campaign.objects.create(
            doc_type=DocumentType.objects.get(abbreviation="KH"),
            title="Phong trào thi đua thử nghiệm",
            issue_year=2024,
        )
        Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.PUBLISHED)
        campaign.participating_units.set(communes)

        per_dossier = 50
        n_dossiers = max(1, n_entries // per_dossier)
        now = timezone.now()
        dossiers = []
        for i in range(n_dossiers):
            status = STATUSES[i % len(STATUSES)]
            dossiers.append(
                Dossier(
                    campaign=campaign,
                    proposing_unit=communes[i % 190],  # ten communes never propose
                    current_level=districts[i % 10],
                    number=i + 1,
                    date=datetime.date(2024, 1 + i % 12, 1 + i % 28),
                    summary="Đề nghị khen thưởng",
                    status=status,
                    status_changed_at=now - datetime.timedelta(days=i % 60),
                )
            )
        Dossier.objects.bulk_create(dossiers, batch_size=BATCH)

        people = Person.objects.bulk_create(
            [
                Person(
                    full_name=f"Người Thử {i}",
                    name_folded=f"nguoi thu {i}",
                    gender=Gender.FEMALE if i % 3 == 0 else Gender.MALE,
                    ethnicity=ETHNICITIES[i % len(ETHNICITIES)],
                    position=POSITIONS[i % len(POSITIONS)],
                    birth_year=1960 + i % 40,
                    unit=communes[i % 200],
                )
                for i in range(n_entries // 2)
            ],
            batch_size=BATCH,
        )
        entries, awards = [], []
        for i in range(n_entries):
            dossier = dossiers[i // per_dossier]
            form = forms[i % len(forms)]
            individual = i % 2 == 0
            person = people[i // 2] if individual else None
            name = person.full_name if individual else f"Tổ sản xuất số {i}"
            status = EntryStatus.APPROVED if dossier.status == "approved" else EntryStatus.PROPOSED
            entries.append(
                Entry(
                    dossier=dossier,
                    campaign=campaign,
                    position=i % per_dossier,
                    subject_kind=SubjectKind.INDIVIDUAL if individual else SubjectKind.COLLECTIVE,
                    person=person,
                    unit=dossier.proposing_unit,
                    group_name="" if individual else name,
                    nominee_name=name,
                    nominee_name_folded=fold(name),
                    requested_form=form,
                    proposed_form=form,
                    achievement="Hoàn thành xuất sắc nhiệm vụ.",
                    status=status,
                )
            )
            if status == EntryStatus.APPROVED:
                awards.append(
                    Award(
                        subject_kind=entries[-1].subject_kind,
                        person=person,
                        unit=dossier.proposing_unit,
                        recipient_name=name,
                        recipient_name_folded=fold(name),
                        form=form,
                        campaign=campaign,
                        proposing_unit=dossier.proposing_unit,
                        decision_date=datetime.date(2024, 1 + i % 12, 1 + i % 28),
                        amount=rng.choice([710_000, 2_340_000]),
                    )
                )
        Entry.objects.bulk_create(entries, batch_size=BATCH)
        recount_entries([d.pk for d in dossiers])
        Award.objects.bulk_create(awards, batch_size=BATCH)
        user = User.objects.create(username="bench-dashboard", unit=province)
        user.groups.add(Group.objects.get_or_create(name=Role.OFFICER.value)[0])
        return user, {"entries": len(entries), "awards": len(awards), "dossiers": len(dossiers)}

    def report(self, user, runs: int):
        def best(fn) -> float:
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                fn()
                times.append(time.perf_counter() - started)
            return min(times)

        campaign = Campaign.objects.get(title="Phong trào thi đua thử nghiệm")
        for label, params in (
            ("all", {}),
            ("year 2024", {"year": "2024"}),
            ("campaign", {"campaign": str(campaign.pk)}),
        ):
            fresh = User.objects.get(pk=user.pk)
            figures = best(
                lambda p=params, u=fresh: dashboard(user=u, filters=filters_from(user=u, params=p))
            )
            request = RequestFactory().get("/reports/", params)
            request.user = fresh

            def page(r=request):
                response = DashboardView.as_view()(r)
                response.render()

            whole = best(page)
            self.stdout.write(
                f"dashboard [{label}]: figures {figures * 1000:.0f} ms, page {whole * 1000:.0f} ms"
            )
