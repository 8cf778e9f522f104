"""Time and memory to render a decision with N awardees and its N certificates.

Builds throwaway data (units, campaign, approved entries), drafts and signs the decision,
renders both PDFs, prints the numbers, and rolls everything back: the database is left as it
was. Targets on the reference machine for 500 awardees: decision under 5 s, certificates
under 20 s.
"""

import datetime
import io
import os
import resource
import time
import tracemalloc
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings

from accounts.choices import Role
from accounts.models import User
from awards.choices import SubjectKind
from awards.models import AwardForm, CampaignAward, Person
from awards.seed import seed_award_catalogue
from campaigns.choices import CampaignStatus, UnitKind
from campaigns.models import Campaign, CampaignIssuer, DocumentType, Unit
from decisions import document, services
from documents.pdf import render_pdf
from documents.text import fold
from nominations.choices import DossierStatus, EntryStatus
from nominations.models import Dossier, Entry, recount_entries

FAMILY = ["Nguyễn", "Hoàng", "Lăng", "Vi", "Lương", "Nông", "Triệu", "Đinh", "Hà", "Chu"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Đạt", "Giang", "Hà", "Hùng", "Lan", "Thảo", "Yến"]


def _page_count(pdf: bytes) -> int | str:
    try:
        from pypdf import PdfReader  # a development dependency
    except ImportError:
        return "?"
    return len(PdfReader(io.BytesIO(pdf)).pages)


class Rollback(Exception):
    """Raised at the end so that nothing the benchmark wrote is kept."""


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


class Command(BaseCommand):
    help = "Render a decision with N awardees and its N certificates; print time and memory."

    def add_arguments(self, parser):
        parser.add_argument("--awardees", type=int, default=500)
        parser.add_argument(
            "--output", help="A folder to write decision.pdf and certificates.pdf into, to look at."
        )
        parser.add_argument(
            "--tracemalloc",
            action="store_true",
            help="Also measure the Python heap peak of each render (slower: a second pass).",
        )

    def handle(self, *args, awardees, tracemalloc, output=None, **options):
        self.results = {}
        self.output = output
        try:
            with transaction.atomic():
                decision = self._build(awardees)
                self._measure("decision", decision, tracemalloc, self._render_decision)
                self._measure("certificates", decision, tracemalloc, self._render_certificates)
                raise Rollback
        except Rollback:
            pass
        load = os.getloadavg()[0]
        self.stdout.write(
            f"{os.cpu_count()} CPUs, load average {load:.1f} (wall time grows with it)"
        )
        for name, (seconds, cpu, pages, rss, heap) in self.results.items():
            line = (
                f"{name}: {awardees} awardees, {pages} pages, {seconds:.2f} s "
                f"(CPU {cpu:.2f} s), peak RSS {rss:.0f} MB"
            )
            if heap is not None:
                line += f", Python heap peak {heap:.0f} MB"
            self.stdout.write(line)
        self.stdout.write("Throwaway data rolled back.")

    # -- the renders -----------------------------------------------------------------------------

    def _render_decision(self, decision) -> bytes:
        return render_pdf(document.DECISION_TEMPLATE, document.decision_context(decision))

    def _render_certificates(self, decision) -> bytes:
        return render_pdf(document.CERTIFICATE_TEMPLATE, document.certificate_context(decision))

    def _measure(self, name, decision, with_heap, render):
        started, cpu_started = time.perf_counter(), time.process_time()
        pdf = render(decision)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        if self.output:
            Path(self.output, f"{name}.pdf").write_bytes(pdf)
        pages = _page_count(pdf)
        heap = None
        if with_heap:
            tracemalloc.start()
            render(decision)
            heap = tracemalloc.get_traced_memory()[1] / 1024 / 1024
            tracemalloc.stop()
        self.results[name] = (seconds, cpu, pages, _peak_rss_mb(), heap)

    # -- throwaway data ----------------------------------------------------------------------------

    def _build(self, count: int):
        seed_award_catalogue()
        on = datetime.date(2024, 9, 12)
        province = Unit.objects.create(name="Tỉnh Lạng Sơn", kind=UnitKind.PROVINCE, code="B20")
        district = Unit.objects.create(
            name="Huyện Cao Lộc", kind=UnitKind.DISTRICT, parent=province, code="B183"
        )
        commune = Unit.objects.create(
            name="Xã Cao Lâu", kind=UnitKind.COMMUNE, parent=district, code="B06196"
        )
        form = AwardForm.objects.get(code="bang-khen-chu-tich-tinh")
        campaign = Campaign.objects.create(
            doc_type=DocumentType.objects.get(abbreviation="KH"),
            title="Phong trào thi đua đặc biệt chào mừng kỷ niệm 90 năm Ngày truyền thống "
            "Đảng bộ tỉnh Lạng Sơn",
            status=CampaignStatus.PUBLISHED,
            number=45,
            issue_year=2024,
            issue_month=3,
            issue_day=1,
        )
        CampaignIssuer.objects.create(
            campaign=campaign, unit=province, abbreviation="UBND", short_name="UBND tỉnh Lạng Sơn"
        )
        CampaignAward.objects.create(campaign=campaign, form=form)
        officer = self._user("bench.officer", province, Role.OFFICER)
        leader = self._user("bench.leader", province, Role.LEADER)
        dossier = Dossier.objects.create(
            campaign=campaign,
            proposing_unit=district,
            current_level=province,
            number=12,
            date=datetime.date(2024, 8, 20),
            summary="Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh",
        )
        Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.APPROVED)
        collectives = max(1, count // 10)
        people = []
        for i in range(count - collectives):
            name = (
                f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i // 10) % len(MIDDLE)]} "
                f"{GIVEN[(i // 7) % len(GIVEN)]}"
            )
            people.append(
                Person(
                    full_name=name,
                    name_folded=fold(name),
                    unit=commune,
                    position="Công chức Văn phòng - Thống kê",
                    birth_year=1970 + i % 30,
                )
            )
        Person.objects.bulk_create(people)
        entries = []
        for i, person in enumerate(people):
            entries.append(
                self._entry(
                    dossier,
                    form,
                    i,
                    SubjectKind.INDIVIDUAL,
                    person.full_name,
                    person=person,
                    unit=commune,
                )
            )
        for j in range(collectives):
            name = f"Chi bộ thôn Bản {j + 1}"
            entries.append(
                self._entry(
                    dossier,
                    form,
                    len(people) + j,
                    SubjectKind.COLLECTIVE,
                    name,
                    unit=commune,
                    group_name=name,
                )
            )
        Entry.objects.bulk_create(entries)
        recount_entries([dossier.pk])
        decision = services.decision_create(
            actor=officer,
            campaign=campaign,
            form=form,
            entries=list(Entry.objects.filter(dossier=dossier)),
            on=on,
        )
        # Signing stores the PDF itself when the decision is small enough; here the renders are
        # timed on their own below, so signing renders in the background path (never run).
        with override_settings(DECISIONS_BACKGROUND_THRESHOLD=0):
            return services.decision_sign(decision=decision, actor=leader, on=on)

    @staticmethod
    def _entry(dossier, form, position, kind, name, **fields):
        return Entry(
            dossier=dossier,
            campaign=dossier.campaign,
            position=position,
            subject_kind=kind,
            requested_form=form,
            proposed_form=form,
            achievement="Hoàn thành xuất sắc nhiệm vụ.",
            status=EntryStatus.APPROVED,
            nominee_name=name,
            nominee_name_folded=fold(name),
            **fields,
        )

    @staticmethod
    def _user(username, unit, role):
        user = User.objects.create(
            username=username, unit=unit, first_name="Văn A", last_name="Nguyễn"
        )
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
        return user
