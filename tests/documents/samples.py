"""Sample official documents for the PDF tests and for looking at the layout."""

import datetime

from documents.layout import Issuer, OfficialDocument, Signer
from documents.vietnamese import doc_number, place_date

PARAGRAPH = (
    "Tạo khí thế thi đua sôi nổi trong toàn hệ thống chính trị và trên tất cả các lĩnh vực "
    "chính trị, văn hóa - xã hội, quốc phòng, an ninh; ra sức thi đua tập trung cao độ 60 ngày "
    "đêm để hoàn thành và đạt kết quả cao các nhiệm vụ trọng tâm của tỉnh, góp phần hoàn thành "
    "vượt mức các mục tiêu, nhiệm vụ kế hoạch năm 2019. Đồng thời, qua phong trào thi đua phát "
    "hiện được các mô hình, các điển hình tiên tiến có cách làm hay, sáng tạo từ đó tuyên "
    "truyền, nhân rộng trên địa bàn tỉnh."
)

RECIPIENTS = [
    "Hội đồng TĐKT Trung ương;",
    "Ban TĐKT Trung ương;",
    "Thường trực Tỉnh ủy;",
    "Thường trực HĐND tỉnh;",
    "Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
    "Sở Nội vụ (Ban TĐKT);",
    "C, PCVP UBND tỉnh, các Phòng CM, đơn vị trực thuộc;",
    "Lưu: VT, KG-VX (NTB).",
]


def plan_context(*, sections: int = 4, paragraphs: int = 4) -> dict:
    """Body context for documents/nd30_sample.html, about one page per section."""
    headings = ["I. MỤC ĐÍCH, Ý NGHĨA, YÊU CẦU", "II. NỘI DUNG THI ĐUA", "III. KHEN THƯỞNG"]
    headings += ["IV. TỔ CHỨC THỰC HIỆN", "V. CHẾ ĐỘ BÁO CÁO", "VI. ĐIỀU KHOẢN THI HÀNH"]
    return {
        "intro": (
            "Thiết thực thi đua lập thành tích chào mừng kỷ niệm 110 năm ngày sinh đồng chí "
            "Hoàng Văn Thụ (04/11/1909 - 04/11/2019), Ủy ban nhân dân tỉnh Lạng Sơn phát động "
            "phong trào thi đua cao điểm như sau:"
        ),
        "sections": [
            {
                "heading": headings[index % len(headings)],
                "items": [
                    {"title": f"{n}. Mục đích", "paragraphs": [PARAGRAPH] * paragraphs}
                    for n in (1, 2)
                ],
            }
            for index in range(sections)
        ],
    }


def single_issuer_document(**overrides) -> OfficialDocument:
    """A provincial PHÁT ĐỘNG signed by the chairman (seeds 000, 001)."""
    values = {
        "issuers": [Issuer.people_committee("tỉnh Lạng Sơn")],
        "number_line": doc_number(5, "KH", "UBND"),
        "place_date_line": place_date("Lạng Sơn", datetime.date(2026, 1, 5)),
        "type_name": "PHÁT ĐỘNG",
        "title_lines": [
            "Phong trào thi đua cao điểm lập thành tích chào mừng kỷ niệm",
            "110 năm ngày sinh đồng chí Hoàng Văn Thụ (04/11/1909 - 04/11/2019)",
        ],
        "recipients": RECIPIENTS,
        "signer": Signer.chairman("Phạm Ngọc Thưởng"),
    }
    return OfficialDocument(**{**values, **overrides})


def four_issuer_document(**overrides) -> OfficialDocument:
    """A joint PHÁT ĐỘNG of four provincial bodies (seed 002) signed by a vice-chairman."""
    values = {
        "issuers": [
            Issuer(name="TỈNH ỦY LẠNG SƠN"),
            Issuer(name="HĐND TỈNH LẠNG SƠN"),
            Issuer(name="UBND TỈNH LẠNG SƠN"),
            Issuer(name="ỦY BAN MTTQ VIỆT NAM\nTỈNH LẠNG SƠN"),
        ],
        "number_line": doc_number(None, "PĐ", "UBND"),
        "place_date_line": place_date("Lạng Sơn", None, month=12, year=2019),
        "type_name": "PHÁT ĐỘNG",
        "title_lines": [
            "Phong trào thi đua đặc biệt chào mừng kỷ niệm 110 năm ngày sinh",
            "đồng chí Hoàng Văn Thụ (04/11/1909 - 04/11/2019)",
        ],
        "recipients": RECIPIENTS,
        "signer": Signer.vice_chairman("Dương Xuân Huyền", on_behalf_of="ỦY BAN NHÂN DÂN"),
    }
    return OfficialDocument(**{**values, **overrides})
