"""Idempotent seed data: the award catalogue of DOMAIN.md and the award tiers of seed 003.

Every value here is data an admin may change afterwards; running a seed again restores the
rows it owns (matched by a stable key) and leaves other rows alone.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from awards.choices import AuthorityLevel, AwardKind, DocumentKind, SubjectKind
from awards.models import AwardCoefficient, AwardForm, AwardFormDocument, BaseSalary, LegalBasis

D = datetime.date
UNVERIFIED = "Ngày ban hành / hiệu lực chưa được đối chiếu với văn bản gốc: cần kiểm tra."

# (doc_type, number, title, issued_on, issuer, in force from, to, order, cited, citation, note)
LEGAL_BASES = [
    (
        "Luật",
        "77/2015/QH13",
        "Tổ chức chính quyền địa phương",
        D(2015, 6, 19),
        "Quốc hội",
        D(2016, 1, 1),
        D(2025, 6, 30),
        10,
        True,
        "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung "
        "một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày "
        "22 tháng 11 năm 2019",
        "",
    ),
    (
        "Luật",
        "72/2025/QH15",
        "Tổ chức chính quyền địa phương",
        D(2025, 6, 16),
        "Quốc hội",
        D(2025, 7, 1),
        None,
        10,
        True,
        "",
        UNVERIFIED,
    ),
    (
        "Luật",
        "06/2022/QH15",
        "Thi đua, khen thưởng",
        D(2022, 6, 15),
        "Quốc hội",
        D(2024, 1, 1),
        None,
        20,
        True,
        "",
        "",
    ),
    (
        "Nghị định",
        "98/2023/NĐ-CP",
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        D(2023, 12, 31),
        "Chính phủ",
        D(2024, 1, 1),
        D(2025, 6, 30),
        30,
        True,
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
        "thi hành một số điều của Luật Thi đua, khen thưởng",
        "",
    ),
    (
        "Nghị định",
        "152/2025/NĐ-CP",
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        None,
        "Chính phủ",
        D(2025, 7, 1),
        None,
        30,
        True,
        "",
        UNVERIFIED,
    ),
    (
        "Thông tư",
        "15/2025/TT-BNV",
        "hướng dẫn công tác thi đua, khen thưởng",
        None,
        "Bộ Nội vụ",
        D(2025, 7, 1),
        None,
        40,
        True,
        "",
        UNVERIFIED,
    ),
    (
        "Nghị định",
        "73/2024/NĐ-CP",
        "quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức "
        "và lực lượng vũ trang",
        D(2024, 6, 30),
        "Chính phủ",
        D(2024, 7, 1),
        None,
        60,
        False,
        "",
        "",
    ),
    (
        "Nghị định",
        "30/2020/NĐ-CP",
        "về công tác văn thư",
        D(2020, 3, 5),
        "Chính phủ",
        D(2020, 3, 5),
        None,
        90,
        False,
        "",
        "",
    ),
]

BASE_SALARIES = [
    (1_800_000, D(2023, 7, 1), D(2024, 6, 30), None),
    (2_340_000, D(2024, 7, 1), None, "73/2024/NĐ-CP"),
]

FULL_DOSSIER = [
    DocumentKind.PROPOSAL,
    DocumentKind.NOMINEE_LIST,
    DocumentKind.ACHIEVEMENT_REPORT,
    DocumentKind.COUNCIL_MINUTES,
]
SIMPLIFIED = {DocumentKind.PROPOSAL, DocumentKind.ACHIEVEMENT_SUMMARY}

ND98_END = D(2025, 6, 30)
ND152_START = D(2025, 7, 1)

# code: (name, family, kind, subjects, authority, signer, valid_to, certificate, simplified,
#        vote % threshold, inclusive, order, documents)
FORMS = {
    "giay-khen-chu-tich-xa": (
        "Giấy khen của Chủ tịch UBND xã",
        "Giấy khen",
        AwardKind.FORM,
        "ich",
        AuthorityLevel.COMMUNE,
        "Chủ tịch UBND xã",
        None,
        True,
        True,
        50,
        False,
        10,
        FULL_DOSSIER,
    ),
    "giay-khen-chu-tich-huyen": (
        "Giấy khen của Chủ tịch UBND huyện",
        "Giấy khen",
        AwardKind.FORM,
        "ich",
        AuthorityLevel.DISTRICT,
        "Chủ tịch UBND huyện",
        ND98_END,
        True,
        True,
        50,
        False,
        20,
        FULL_DOSSIER,
    ),
    "giay-khen-thu-truong-so": (
        "Giấy khen của Giám đốc Sở",
        "Giấy khen",
        AwardKind.FORM,
        "ic",
        AuthorityLevel.DEPARTMENT_HEAD,
        "Giám đốc Sở",
        None,
        True,
        True,
        50,
        False,
        30,
        FULL_DOSSIER,
    ),
    "bang-khen-chu-tich-tinh": (
        "Bằng khen của Chủ tịch UBND tỉnh",
        "Bằng khen",
        AwardKind.FORM,
        "ich",
        AuthorityLevel.PROVINCE,
        "Chủ tịch UBND tỉnh",
        None,
        True,
        True,
        50,
        False,
        40,
        FULL_DOSSIER,
    ),
    "lao-dong-tien-tien": (
        "Lao động tiên tiến",
        "Lao động tiên tiến",
        AwardKind.TITLE,
        "i",
        AuthorityLevel.COMMUNE,
        "Chủ tịch UBND xã",
        None,
        False,
        False,
        50,
        False,
        110,
        [DocumentKind.PROPOSAL, DocumentKind.NOMINEE_LIST, DocumentKind.COUNCIL_MINUTES],
    ),
    "chien-si-thi-dua-co-so": (
        "Chiến sĩ thi đua cơ sở",
        "Chiến sĩ thi đua",
        AwardKind.TITLE,
        "i",
        AuthorityLevel.COMMUNE,
        "Chủ tịch UBND xã",
        None,
        True,
        False,
        50,
        False,
        120,
        [*FULL_DOSSIER, DocumentKind.INITIATIVE_PROOF],
    ),
    "chien-si-thi-dua-tinh": (
        "Chiến sĩ thi đua cấp tỉnh",
        "Chiến sĩ thi đua",
        AwardKind.TITLE,
        "i",
        AuthorityLevel.PROVINCE,
        "Chủ tịch UBND tỉnh",
        None,
        True,
        False,
        Decimal("66.67"),
        True,
        130,
        [*FULL_DOSSIER, DocumentKind.INITIATIVE_PROOF],
    ),
    "tap-the-lao-dong-tien-tien": (
        "Tập thể lao động tiên tiến",
        "Tập thể lao động tiên tiến",
        AwardKind.TITLE,
        "c",
        AuthorityLevel.COMMUNE,
        "Chủ tịch UBND xã",
        None,
        False,
        False,
        50,
        False,
        140,
        [DocumentKind.PROPOSAL, DocumentKind.NOMINEE_LIST, DocumentKind.COUNCIL_MINUTES],
    ),
    "tap-the-lao-dong-xuat-sac": (
        "Tập thể lao động xuất sắc",
        "Tập thể lao động xuất sắc",
        AwardKind.TITLE,
        "c",
        AuthorityLevel.PROVINCE,
        "Chủ tịch UBND tỉnh",
        None,
        True,
        False,
        50,
        False,
        150,
        FULL_DOSSIER,
    ),
    "co-thi-dua-tinh": (
        "Cờ thi đua của UBND tỉnh",
        "Cờ thi đua",
        AwardKind.TITLE,
        "c",
        AuthorityLevel.PROVINCE,
        "Chủ tịch UBND tỉnh",
        None,
        True,
        False,
        Decimal("66.67"),
        True,
        160,
        FULL_DOSSIER,
    ),
    "gia-dinh-van-hoa": (
        "Gia đình văn hóa",
        "Gia đình văn hóa",
        AwardKind.TITLE,
        "h",
        AuthorityLevel.COMMUNE,
        "Chủ tịch UBND xã",
        None,
        True,
        False,
        50,
        False,
        170,
        [DocumentKind.PROPOSAL, DocumentKind.NOMINEE_LIST],
    ),
    "thon-van-hoa": (
        "Thôn, tổ dân phố văn hóa",
        "Thôn văn hóa",
        AwardKind.TITLE,
        "c",
        AuthorityLevel.COMMUNE,
        "Chủ tịch UBND xã",
        None,
        True,
        False,
        50,
        False,
        180,
        [DocumentKind.PROPOSAL, DocumentKind.NOMINEE_LIST],
    ),
}

IND, C, H = SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE, SubjectKind.HOUSEHOLD
# (form code, subject, coefficient, from, to, legal basis number). DOMAIN.md's Money table;
# the Giấy khen figures after 1/7/2025 are not confirmed and are kept until an admin changes them.
COEFFICIENTS = [
    ("bang-khen-chu-tich-tinh", IND, "1.0", None, ND98_END, "98/2023/NĐ-CP"),
    ("bang-khen-chu-tich-tinh", C, "2.0", None, ND98_END, "98/2023/NĐ-CP"),
    ("bang-khen-chu-tich-tinh", IND, "1.5", ND152_START, None, "152/2025/NĐ-CP"),
    ("bang-khen-chu-tich-tinh", C, "3.0", ND152_START, None, "152/2025/NĐ-CP"),
    ("giay-khen-chu-tich-huyen", IND, "0.3", None, ND98_END, "98/2023/NĐ-CP"),
    ("giay-khen-chu-tich-huyen", C, "0.6", None, ND98_END, "98/2023/NĐ-CP"),
    ("lao-dong-tien-tien", IND, "0.3", None, None, "98/2023/NĐ-CP"),
    ("chien-si-thi-dua-co-so", IND, "1.0", None, None, "98/2023/NĐ-CP"),
    ("tap-the-lao-dong-tien-tien", C, "0.8", None, None, "98/2023/NĐ-CP"),
    ("tap-the-lao-dong-xuat-sac", C, "1.5", None, None, "98/2023/NĐ-CP"),
    ("co-thi-dua-tinh", C, "8.0", None, None, "98/2023/NĐ-CP"),
]
for _code in ("giay-khen-chu-tich-xa", "giay-khen-thu-truong-so"):
    COEFFICIENTS += [
        (_code, IND, "0.3", None, ND98_END, "98/2023/NĐ-CP"),
        (_code, C, "0.6", None, ND98_END, "98/2023/NĐ-CP"),
        (_code, IND, "0.3", ND152_START, None, "152/2025/NĐ-CP"),
        (_code, C, "0.6", ND152_START, None, "152/2025/NĐ-CP"),
    ]


@transaction.atomic
def seed_award_catalogue() -> None:
    """Legal bases, base salaries, forms and titles with their documents and coefficients."""
    bases = {}
    for (
        doc_type,
        number,
        title,
        issued,
        issuer,
        start,
        end,
        order,
        cited,
        citation,
        note,
    ) in LEGAL_BASES:
        bases[number], _ = LegalBasis.objects.update_or_create(
            doc_type=doc_type,
            number=number,
            defaults={
                "title": title,
                "issued_on": issued,
                "issuer": issuer,
                "in_force_from": start,
                "in_force_to": end,
                "order": order,
                "cited_in_decisions": cited,
                "citation": citation,
                "note": note,
            },
        )
    for amount, start, end, basis in BASE_SALARIES:
        BaseSalary.objects.update_or_create(
            valid_from=start,
            defaults={"amount": amount, "valid_to": end, "legal_basis": bases.get(basis)},
        )
    forms = {}
    for code, row in FORMS.items():
        (name, family, kind, subjects, level, signer, valid_to, certificate, simplified) = row[:9]
        threshold, inclusive, order, documents = row[9:]
        forms[code], _ = AwardForm.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "family": family,
                "kind": kind,
                "for_individuals": "i" in subjects,
                "for_collectives": "c" in subjects,
                "for_households": "h" in subjects,
                "authority_level": level,
                "signer_title": signer,
                "valid_to": valid_to,
                "has_certificate": certificate,
                "simplified_procedure": simplified,
                "vote_threshold_percent": Decimal(threshold),
                "vote_threshold_inclusive": inclusive,
                "order": order,
            },
        )
        for doc in documents:
            AwardFormDocument.objects.update_or_create(
                form=forms[code],
                kind=doc,
                defaults={"required_in_simplified": doc in SIMPLIFIED},
            )
        if simplified:
            AwardFormDocument.objects.update_or_create(
                form=forms[code],
                kind=DocumentKind.ACHIEVEMENT_SUMMARY,
                defaults={"required_in_simplified": True},
            )
    for code, subject, value, start, end, basis in COEFFICIENTS:
        AwardCoefficient.objects.update_or_create(
            form=forms[code],
            subject_kind=subject,
            valid_from=start,
            defaults={"coefficient": Decimal(value), "valid_to": end, "legal_basis": bases[basis]},
        )


SEED_003_KEY = "seed-003"
_INTRO_003 = (
    "Các tập thể, cá nhân có thành tích xuất sắc tiêu biểu trong thực hiện Phong trào thi đua "
    "đặc biệt lập thành tích chào mừng kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh Lạng Sơn "
    "(15/6/1933 - 15/6/2023) "
)
# Seed 003, section V.2, verbatim (the PDF's line breaks joined).
SEED_003_OFFERS = [
    (
        "giay-khen-chu-tich-xa",
        "Giấy khen của Chủ tịch UBND xã, thị trấn do Chủ tịch UBND xã quy định về đối tượng, "
        "tiêu chuẩn và thực hiện khen thưởng theo thẩm quyền.",
        {},
    ),
    (
        "giay-khen-chu-tich-huyen",
        _INTRO_003 + "đề nghị Chủ tịch UBND huyện tặng Giấy khen đạt các tiêu chuẩn sau:",
        {
            "collective": "Có thành tích tiêu biểu trong chỉ đạo, tuyên truyền, tổ chức thực hiện "
            "phong trào thi đua, có nhiều sáng kiến, giải pháp, hoàn thành vượt mức chỉ tiêu, tiến "
            "độ thực hiện các nhiệm vụ đề ra trong 6 tháng đầu năm 2023, phần việc cụ thể thiết "
            "thực chào mừng kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh Lạng Sơn (15/6/1933 - "
            "15/6/2023); thực hiện đúng quy định của pháp luật, bảo đảm an ninh chính trị, trật tự "
            "an toàn xã hội trên địa bàn quản lý.",
            "official": "Cán bộ, công chức: có nhiều nỗ lực bám sát cơ sở, có giải pháp hữu ích "
            "trong việc xây dựng, tham mưu trình cấp có thẩm quyền ban hành, tổ chức thực hiện, "
            "kiểm tra việc thực hiện cơ chế, chính sách, hướng dẫn hoặc tháo gỡ khó khăn cho cơ sở "
            "góp phần hoàn thành các nhiệm vụ trọng tâm của cơ quan, đơn vị; hoặc mưu trí, dũng "
            "cảm trong thực hiện nhiệm vụ.",
            "household_worker": "Gương mẫu chấp hành tốt chủ trương, chính sách của Đảng, pháp "
            "luật của Nhà nước; tích cực hưởng ứng đợt thi đua, có việc làm thiết thực (đóng góp "
            "công sức, vật chất…), sản xuất giỏi, có thu nhập cao góp phần thực hiện mục tiêu phát "
            "triển kinh tế, xã hội, quốc phòng, an ninh của địa phương, đơn vị.",
        },
    ),
    (
        "bang-khen-chu-tich-tinh",
        _INTRO_003 + "đề nghị khen thưởng đạt các tiêu chuẩn sau:",
        {
            "collective": "Có thành tích tiêu biểu, xuất sắc trong chỉ đạo, tuyên truyền, tổ chức "
            "thực hiện phong trào thi đua, có nhiều sáng kiến, giải pháp, hoàn thành vượt mức chỉ "
            "tiêu, tiến độ thực hiện các nhiệm vụ đề ra trong 6 tháng đầu năm 2023; thực hiện đúng "
            "quy định của pháp luật, bảo đảm an ninh chính trị, trật tự an toàn xã hội trên "
            "địa bàn quản lý.",
            "official": "Cán bộ, công chức: có nhiều nỗ lực bám sát cơ sở, có sáng kiến, giải pháp "
            "hữu ích trong việc xây dựng, trình cấp có thẩm quyền ban hành, tổ chức thực hiện, "
            "kiểm tra việc thực hiện cơ chế, chính sách, hướng dẫn hoặc tháo gỡ khó khăn cho cơ sở "
            "góp phần hoàn thành các nhiệm vụ trọng tâm của cơ quan, đơn vị; hoặc mưu trí, dũng "
            "cảm trong thực hiện nhiệm vụ.",
            "household_worker": "Gương mẫu chấp hành tốt chủ trương, chính sách của Đảng, pháp "
            "luật của Nhà nước; tích cực hưởng ứng đợt thi đua, có việc làm nổi bật, thiết thực "
            "(đóng góp công sức, vật chất…), sản xuất giỏi, có thu nhập cao góp phần thực hiện "
            "mục tiêu phát triển kinh tế, xã hội, quốc phòng, an ninh của địa phương, đơn vị.",
        },
    ),
]


@transaction.atomic
def seed_campaign_awards(campaign=None):
    """Seed 003's three award tiers with their criteria, on seed 003's campaign.

    The campaign is the one `campaigns.seed` created with seed_key "seed-003" unless one is
    given; returns it, or None when it does not exist yet. Needs the catalogue (seeded here).
    """
    from awards.models import AwardCriterion, CampaignAward
    from campaigns.models import Campaign

    if campaign is None:
        campaign = Campaign.objects.filter(seed_key=SEED_003_KEY).first()
    if campaign is None:
        return None
    codes = [code for code, _intro, _criteria in SEED_003_OFFERS]
    if AwardForm.objects.filter(code__in=codes).count() != len(codes):
        seed_award_catalogue()
    for order, (code, intro, criteria) in enumerate(SEED_003_OFFERS, 1):
        offer, _ = CampaignAward.objects.update_or_create(
            campaign=campaign,
            form=AwardForm.objects.get(code=code),
            defaults={"order": order, "intro": intro},
        )
        offer.criteria.exclude(subject_category__in=criteria).delete()
        for category, text in criteria.items():
            AwardCriterion.objects.update_or_create(
                offer=offer, subject_category=category, defaults={"text": text}
            )
    return campaign
