import datetime
import unicodedata
from decimal import Decimal

import pytest
from django.template import Context, Template

from documents.text import fold, name_sort_key
from documents.vietnamese import (
    BLANK,
    count_with_zero,
    date_in_words,
    doc_number,
    form_date,
    format_money,
    format_number,
    money_in_words,
    month_year,
    number_in_words,
    place_date,
    short_date,
    two_digits,
)


@pytest.mark.parametrize(
    ("value", "expected"), [(5, "05"), (0, "00"), (9, "09"), (10, "10"), (113, "113")]
)
def test_two_digits_pads_below_ten(value, expected):
    assert two_digits(value) == expected


def test_two_digits_of_nothing_is_empty():
    assert two_digits(None) == ""


def test_count_in_a_summary_takes_a_leading_zero():
    assert f"cho {count_with_zero(5)} tập thể, {count_with_zero(12)} cá nhân" == (
        "cho 05 tập thể, 12 cá nhân"
    )


def test_doc_number_pads_the_number():
    assert doc_number(5, "QĐ", "UBND") == "Số: 05/QĐ-UBND"
    assert doc_number(113, "KH", "UBND") == "Số: 113/KH-UBND"


def test_doc_number_without_number_leaves_a_blank_to_fill_by_hand():
    line = doc_number(None, "PĐ", "UBND")
    assert line == f"Số: {BLANK}/PĐ-UBND"
    assert line.count("\u00a0") >= 5


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2019, 11, 4), "ngày 04 tháng 11 năm 2019"),
        (datetime.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (datetime.date(2020, 2, 3), "ngày 03 tháng 02 năm 2020"),
        (datetime.date(2019, 8, 19), "ngày 19 tháng 8 năm 2019"),
        (datetime.date(2023, 3, 9), "ngày 09 tháng 3 năm 2023"),
        (datetime.date(2019, 12, 21), "ngày 21 tháng 12 năm 2019"),
    ],
)
def test_date_in_words_pads_day_below_ten_and_first_two_months(date, expected):
    assert date_in_words(date) == expected


def test_date_in_words_uses_the_local_day_of_an_aware_datetime():
    # 20:00 UTC on 4 Nov is already 5 Nov in Hà Nội.
    moment = datetime.datetime(2019, 11, 4, 20, 0, tzinfo=datetime.UTC)
    assert date_in_words(moment) == "ngày 05 tháng 11 năm 2019"


def test_place_date():
    assert place_date("Lạng Sơn", datetime.date(2026, 1, 5)) == (
        "Lạng Sơn, ngày 05 tháng 01 năm 2026"
    )


def test_place_date_with_day_left_blank_as_seed_000():
    line = place_date("Lạng Sơn", None, month=12, year=2019)
    assert line == f"Lạng Sơn, ngày {BLANK} tháng 12 năm 2019"
    assert " ".join(line.replace("\u00a0", " ").split()) == "Lạng Sơn, ngày tháng 12 năm 2019"


def test_place_date_with_only_the_year():
    assert place_date("Cao Lâu", None, year=2023) == (
        f"Cao Lâu, ngày {BLANK} tháng {BLANK} năm 2023"
    )


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(1909, 11, 4), "04/11/1909"),
        (datetime.date(2019, 8, 19), "19/8/2019"),
        (datetime.date(2026, 1, 5), "05/01/2026"),
        (datetime.date(2023, 3, 9), "09/3/2023"),
        (datetime.date(1930, 2, 3), "03/02/1930"),
    ],
)
def test_short_date_follows_the_seeds(date, expected):
    assert short_date(date) == expected


def test_month_year():
    assert month_year(1, 2020) == "01/2020"
    assert month_year(11, 2019) == "11/2019"


def test_form_date_always_two_digits():
    assert form_date(datetime.date(2019, 8, 9)) == "09/08/2019"
    assert form_date(None) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2340000, "2.340.000"),
        (710000, "710.000"),
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (-2340000, "-2.340.000"),
        (Decimal("2340000.00"), "2.340.000"),
        (Decimal("1.5"), "1,5"),
        (0.3, "0,3"),
    ],
)
def test_format_number(value, expected):
    assert format_number(value) == expected


def test_format_money():
    assert format_money(2340000) == "2.340.000 đồng"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (710_000, "Bảy trăm mười nghìn đồng"),
        (1_410_000, "Một triệu bốn trăm mười nghìn đồng"),
        (3_510_000, "Ba triệu năm trăm mười nghìn đồng"),
        (7_020_000, "Bảy triệu không trăm hai mươi nghìn đồng"),
        (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
        (4_680_000, "Bốn triệu sáu trăm tám mươi nghìn đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (0, "Không đồng"),
    ],
)
def test_money_in_words(value, expected):
    assert money_in_words(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1_001, "một nghìn không trăm linh một"),
        (5_000, "năm nghìn"),
        (1_000_001, "một triệu không trăm linh một"),
        (2_000_005_000, "hai tỷ không trăm linh năm nghìn"),
        (-15, "âm mười lăm"),
    ],
)
def test_number_in_words_reading_rules(value, expected):
    assert number_in_words(value, capitalize=False) == expected


def test_number_in_words_capitalises_by_default():
    assert number_in_words(21) == "Hai mươi mốt"


def test_fold_strips_diacritics_and_lowercases():
    assert fold("Lạng Sơn") == "lang son"
    assert fold("Đồng Đăng") == "dong dang"
    assert fold("  Xã   Cao Lâu ") == "xa cao lau"
    assert fold("") == ""


def test_fold_is_the_same_for_nfd_input():
    assert fold(unicodedata.normalize("NFD", "Đồng Đăng")) == "dong dang"


def _sorted(names):
    return sorted(names, key=name_sort_key)


def test_names_sort_by_given_name_first():
    names = ["Lê Văn Bình", "Trần Thị Ánh", "Nguyễn Văn An"]
    assert _sorted(names) == ["Nguyễn Văn An", "Trần Thị Ánh", "Lê Văn Bình"]


def test_names_with_same_given_name_sort_by_family_then_middle_name():
    names = ["Nguyễn Văn An", "Lê Văn An", "Lê Thị An"]
    assert _sorted(names) == ["Lê Thị An", "Lê Văn An", "Nguyễn Văn An"]


def test_d_sorts_before_d_with_stroke():
    assert _sorted(["Phạm Đức", "Lê Văn Dung"]) == ["Lê Văn Dung", "Phạm Đức"]
    # Đặng sorts after Lê only as a family name; the given name decides first.
    assert _sorted(["Đặng Văn Dũng", "Lê Văn Dung"]) == ["Lê Văn Dung", "Đặng Văn Dũng"]


def test_o_letters_in_vietnamese_order():
    assert _sorted(["Ơn", "On", "Ôn"]) == ["On", "Ôn", "Ơn"]
    assert _sorted(["Ư", "U", "Ă", "A", "Â"]) == ["A", "Ă", "Â", "U", "Ư"]


def test_tones_sort_after_letters_in_dictionary_order():
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert _sorted(list(reversed(tones))) == tones
    # The letters decide before any tone: "mạ" < "man".
    assert _sorted(["Man", "Mạ"]) == ["Mạ", "Man"]


def test_name_sort_key_ignores_case_and_normalisation():
    name = "Nguyễn Thị Ệ"
    assert name_sort_key(unicodedata.normalize("NFD", name)) == name_sort_key(name)
    assert name_sort_key(name.upper()) == name_sort_key(name.lower())


def test_name_sort_key_of_empty_name_sorts_first():
    assert _sorted(["An", ""]) == ["", "An"]


def _render(template, **context):
    return Template("{% load vn %}" + template).render(Context(context))


def test_template_filters():
    day = datetime.date(2026, 1, 5)
    assert _render("{{ d|vn_date_words }}", d=day) == "ngày 05 tháng 01 năm 2026"
    assert _render("{{ d|vn_short_date }}", d=datetime.date(2019, 8, 19)) == "19/8/2019"
    assert _render("{{ d|vn_form_date }}", d=day) == "05/01/2026"
    assert _render("{{ n|vn_number }}", n=2340000) == "2.340.000"
    assert _render("{{ n|vn_money }}", n=2340000) == "2.340.000 đồng"
    assert _render("{{ n|vn_money_words }}", n=710000) == "Bảy trăm mười nghìn đồng"
    assert _render("{{ n|two_digits }}", n=5) == "05"


def test_template_filters_print_nothing_for_missing_values():
    template = "[{{ v|vn_date_words }}{{ v|vn_short_date }}{{ v|vn_form_date }}{{ v|vn_number }}"
    template += "{{ v|vn_money }}{{ v|vn_money_words }}{{ v|two_digits }}]"
    assert _render(template, v=None) == "[]"
