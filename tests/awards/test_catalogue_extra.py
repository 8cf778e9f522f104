import datetime

from awards.models import LegalBasis


def test_citation_puts_a_leading_zero_only_on_january_and_february(db):
    june = LegalBasis(
        doc_type="Nghị định",
        title="quy định chi tiết",
        number="98/2023/NĐ-CP",
        issued_on=datetime.date(2023, 12, 31),
    )
    assert june.citation_text.endswith("ngày 31 tháng 12 năm 2023")
    june.issued_on = datetime.date(2025, 6, 5)
    assert june.citation_text.endswith("ngày 05 tháng 6 năm 2025")
    june.issued_on = datetime.date(2024, 2, 9)
    assert june.citation_text.endswith("ngày 09 tháng 02 năm 2024")
