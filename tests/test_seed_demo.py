import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from awards.models import Award
from campaigns.models import Unit
from decisions.models import Decision
from decisions.seed import COUNCIL_ON, SIGNED_ON, SUMMARY
from nominations.choices import DossierStatus
from nominations.models import Dossier


def _seed():
    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_demo_login_works(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the demo decision's PDF
    _seed()
    counts = [m.objects.count() for m in (Unit, User, Dossier, Decision, Award)]
    _seed()
    assert [m.objects.count() for m in (Unit, User, Dossier, Decision, Award)] == counts
    for username in ["tinh.canbo", "caoloc.canbo", "caolau.canbo", "bason.canbo"]:
        assert User.objects.filter(username=username).exists()
    response = client.post(
        reverse("login"), {"username": "caolau.canbo", "password": "ThiDua@2026"}, follow=True
    )
    html = response.content.decode()
    assert "Xã Cao Lâu" in html
    assert "Cán bộ thi đua - khen thưởng" in html


@pytest.mark.django_db
def test_seed_demo_takes_one_dossier_to_a_signed_decision(client, settings, tmp_path):
    """Through the services, as the district's officer, council member and leader would: the
    decision is issued with its PDF, its awards are on the honour roll and verify."""
    settings.MEDIA_ROOT = tmp_path
    _seed()
    dossier = Dossier.objects.get(summary=SUMMARY)
    assert dossier.status == DossierStatus.DECIDED
    assert dossier.number_text == "02/TTr-UBND"
    actions = list(dossier.events.order_by("at", "pk").values_list("action", flat=True))
    assert actions[:2] == ["create", "submit"]
    assert {"receive", "appraise_done", "to_council", "approve"} <= set(actions)
    session = dossier.council_items.get().session  # the council met before the decision
    assert session.date == COUNCIL_ON
    assert session.number_text.startswith("01/BB-")
    decision = Decision.objects.get()
    assert decision.is_issued
    assert decision.number_text == "01/QĐ-UBND"
    assert decision.date == SIGNED_ON
    assert decision.issuer.name == "Huyện Cao Lộc"
    assert (tmp_path / decision.pdf.name).read_bytes().startswith(b"%PDF")
    awards = Award.objects.filter(decision_number="01/QĐ-UBND")
    assert {a.recipient_name for a in awards} == {
        "Nông Văn Tuấn",
        "Hoàng Thị Thu Hà",
        "Chi hội Nông dân thôn Khòn Pá",
    }
    # The other demo dossiers stay where a visitor takes them further by hand: two of Cao
    # Lâu, and the Bằng khen the district forwarded, waiting for the province.
    others = Dossier.objects.exclude(pk=dossier.pk).order_by("pk")
    submitted, draft = DossierStatus.SUBMITTED, DossierStatus.DRAFT
    assert [d.status for d in others] == [submitted, draft, submitted]
    upward = others.last()
    assert upward.forwarded_from == dossier
    assert (upward.proposing_unit.name, upward.current_level.name) == (
        "Huyện Cao Lộc",
        "Tỉnh Lạng Sơn",
    )
    assert [e.nominee_name for e in upward.entries.all()] == ["Lộc Thị Dung"]
    client.force_login(User.objects.get(username="tinh.canbo"))
    queue = client.get("/").content.decode()
    assert upward.number_text in queue
    client.logout()
    honours = client.get("/public/honours/").content.decode()
    assert "Nông Văn Tuấn" in honours
    first = decision.decision_awards.order_by("pk").first()
    verified = client.get(f"/verify/{first.token}/").content.decode()
    assert first.name in verified
    assert "01/QĐ-UBND" in verified


@pytest.fixture
def demo_without_decision(settings, tmp_path, monkeypatch):
    """The demo as an older version seeded it: units, users, seeds, two dossiers."""
    from nominations.management.commands import seed_demo

    settings.MEDIA_ROOT = tmp_path
    kept = [s for s in seed_demo.SEEDERS if s[0] != "decisions.seed"]
    monkeypatch.setattr(seed_demo, "SEEDERS", kept)
    _seed()
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_the_demo_decision_leaves_a_visitors_open_council_session_alone(demo_without_decision):
    from decisions.seed import seed_decisions
    from nominations.models import CouncilSession

    cao_loc = Unit.objects.get(name="Huyện Cao Lộc", kind="district")
    CouncilSession.objects.create(
        unit=cao_loc, created_by=User.objects.get(username="caoloc.canbo")
    )
    dossiers = Dossier.objects.count()
    assert seed_decisions() == "skipped (a council session of Cao Lộc is open)"
    assert (Dossier.objects.count(), Decision.objects.count()) == (dossiers, 0)


@pytest.mark.django_db
def test_the_demo_decision_needs_a_council_member(demo_without_decision):
    from decisions.seed import seed_decisions

    User.objects.filter(username="caoloc.hoidong").update(is_active=False)
    dossiers = Dossier.objects.count()
    assert seed_decisions() == "skipped (Cao Lộc has no council member)"
    assert (Dossier.objects.count(), Decision.objects.count()) == (dossiers, 0)
    User.objects.filter(username="caoloc.hoidong").update(is_active=True)
    assert seed_decisions().startswith("decision 01/QĐ-UBND")  # and the forwarded dossier


@pytest.mark.django_db
def test_a_demo_seeded_before_the_bang_khen_keeps_its_one_decision(settings, tmp_path):
    """A demo seeded when the dossier's subject line named only the Giấy khen already has its
    decision: seeding again makes no second one."""
    from decisions.seed import EARLIER_SUMMARY, seed_decisions

    settings.MEDIA_ROOT = tmp_path
    _seed()
    Dossier.objects.filter(summary=SUMMARY).update(summary=EARLIER_SUMMARY)
    dossiers = Dossier.objects.count()
    assert seed_decisions() == "already there"
    assert (Dossier.objects.count(), Decision.objects.count()) == (dossiers, 1)
