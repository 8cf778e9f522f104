"""The campaign model, the seed transcription and the issuer header defaults."""

import pytest

from campaigns.choices import UnitKind
from campaigns.models import Campaign, DocumentType
from campaigns.seed import seed_campaigns
from campaigns.services import issuer_defaults
from tests.factories import UnitFactory


@pytest.fixture
def seed_units(tree):
    """The province's bodies that the seed campaigns name, beside the `tree` units."""
    for name, kind in [
        ("Tỉnh ủy Lạng Sơn", UnitKind.ORGANISATION),
        ("Hội đồng nhân dân tỉnh Lạng Sơn", UnitKind.AGENCY),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn", UnitKind.ORGANISATION),
        ("Sở Nội vụ", UnitKind.DEPARTMENT),
    ]:
        UnitFactory(name=name, kind=kind, parent=tree.province)
    return tree


@pytest.fixture
def seeded(seed_units):
    seed_campaigns()
    return {c.seed_key: c for c in Campaign.objects.exclude(seed_key=None)}


def test_document_types_come_with_the_database(db):
    names = dict(DocumentType.objects.values_list("abbreviation", "name"))
    assert names["KH"] == "KẾ HOẠCH"
    assert names["PĐ"] == "PHÁT ĐỘNG"
    assert {"QĐ", "TTr", "BB", "BC", "TB", "HD", "QyĐ", "CTr", "PA", "ĐA"} <= set(names)


def test_seed_campaigns_are_transcribed_in_full(seeded):
    seed1 = seeded["seed-001"]
    assert seed1.items.count() == 6
    assert seed1.tasks.count() == 5
    assert seed1.recipients.count() == 11
    assert seed1.signer_name == "Phạm Ngọc Thưởng"
    assert seeded["seed-002"].items.count() == 12
    assert seeded["seed-002"].issuer_rows.count() == 4
    assert seeded["seed-000"].items.count() == 6
    assert seeded["seed-003"].items.count() == 7


def test_seed_000_carries_restored_letters(seeded):
    seed0 = seeded["seed-000"]
    text = " ".join(
        [seed0.preamble, seed0.purpose, seed0.requirements, seed0.closing]
        + [i.text for i in seed0.items.all()]
        + [t.duty for t in seed0.tasks.all()]
        + [r.text for r in seed0.recipients.all()]
    )
    for restored in ["nhằm", "người", "đời sống", "vũ trang", "bằng", "Mỗi", "nỗ lực", "cổ vũ"]:
        assert restored in text
    for broken in [" nh m ", "ngư i", "đ i sống", "v  trang", " b ng ", "n  lực", "th i", "Thư ng"]:
        assert broken not in text


def test_seed_targets_print_as_the_issue_lists_them(seeded):
    targets = {str(t) for item in seeded["seed-001"].items.all() for t in item.targets.all()}
    assert "≥ 99 % hồ sơ giải quyết đúng hạn" in targets
    assert "> 100 doanh nghiệp thành lập mới" in targets
    assert "12 xã đạt chuẩn nông thôn mới" in targets
    assert "90 - 95 % dự toán thu ngân sách" in targets


def test_seed_chain_runs_province_district_commune(seeded):
    commune = seeded["seed-003"]
    district = commune.parent
    assert district.seed_key == "chain-90-cao-loc"
    assert district.parent.seed_key == "chain-90-province"
    assert commune.implements_line == (
        "Thực hiện Kế hoạch số 113/KH-UBND ngày 09/3/2023 của UBND huyện Cao Lộc"
    )
    assert seeded["seed-001"].parent == seeded["seed-002"]


def test_seeding_twice_changes_nothing(seeded):
    count = Campaign.objects.count()
    seed_campaigns()
    assert Campaign.objects.count() == count
    assert seeded["seed-001"].items.count() == 6


def test_partial_issue_date_keeps_blanks(seeded):
    seed0 = seeded["seed-000"]
    assert seed0.issue_date is None
    assert seed0.date_words.endswith("tháng 12 năm 2019")


def test_signer_block_of_a_deputy_signing_for_the_committee(seeded):
    assert seeded["seed-003"].signer_lines == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    assert seeded["seed-001"].signer_lines == ["CHỦ TỊCH"]


def test_issuer_header_defaults(seed_units):
    tree = seed_units
    assert issuer_defaults(tree.province)["header_name"] == "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"
    commune = issuer_defaults(tree.cao_lau)
    assert commune["header_name"] == "ỦY BAN NHÂN DÂN\nXÃ CAO LÂU"
    assert commune["short_name"] == "UBND xã Cao Lâu"
    front = issuer_defaults(
        UnitFactory(
            name="Ủy ban MTTQ Việt Nam tỉnh", parent=tree.province, kind=UnitKind.ORGANISATION
        )
    )
    assert front["header_name"] == "ỦY BAN MẶT TRẬN TỔ QUỐC\nVIỆT NAM TỈNH LẠNG SƠN"
    office = issuer_defaults(tree.ban_tdkt)
    assert office["header_parent"] == "UBND TỈNH LẠNG SƠN"
