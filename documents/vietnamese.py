"""Vietnamese formatting for official documents: numbers, dates, money and money in words.

The rules follow Nghị định 30/2020/NĐ-CP and the province's own documents (see the seeds):
a day below 10 and the months January and February take a leading zero ("ngày 05 tháng 01
năm 2026", "19/8/2019"); document numbers and counts below 10 take one too ("Số: 05/QĐ-UBND",
"cho 05 tập thể").
"""

import datetime
from decimal import Decimal

from django.utils import timezone

# Room left for a number or a day written by hand after printing (seed 000: "Số:    /PĐ-UBND").
# Non-breaking spaces, so that HTML and PDF keep the gap instead of collapsing it.
BLANK = "\u00a0" * 8

__all__ = [
    "BLANK",
    "count_with_zero",
    "date_in_words",
    "doc_number",
    "form_date",
    "format_money",
    "format_number",
    "money_in_words",
    "month_year",
    "number_in_words",
    "place_date",
    "short_date",
    "two_digits",
]


def two_digits(n: int | None) -> str:
    """A number with a leading zero below 10: 5 -> "05", 12 -> "12", None -> ""."""
    if n is None or n == "":
        return ""
    n = int(n)
    return f"{n:02d}" if 0 <= n < 10 else str(n)


def count_with_zero(n: int | None) -> str:
    """A count as a trích yếu writes it: "cho 05 tập thể, 12 cá nhân"."""
    return two_digits(n)


def doc_number(number: int | None, type_abbr: str, issuer_abbr: str) -> str:
    """The number line: "Số: 05/QĐ-UBND"; a blank to fill by hand when `number` is None."""
    shown = two_digits(number) if number is not None else BLANK
    return f"Số: {shown}/{type_abbr}-{issuer_abbr}"


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _month(month: int) -> str:
    # Nghị định 30: only January and February take a zero, so that "tháng 1" cannot become
    # "tháng 11" or "tháng 12" by a stroke of the pen.
    return f"{month:02d}" if month < 3 else str(month)


def date_in_words(
    date: datetime.date | None, *, month: int | None = None, year: int | None = None
) -> str:
    """ "ngày 04 tháng 11 năm 2019"; without `date`, the missing parts are left blank.

    A document signed by hand is printed with the day (and sometimes the month) blank:
    `date_in_words(None, month=12, year=2019)` -> "ngày        tháng 12 năm 2019".
    """
    if date is not None:
        date = _as_date(date)
        return f"ngày {two_digits(date.day)} tháng {_month(date.month)} năm {date.year}"
    month_text = _month(month) if month else BLANK
    year_text = str(year) if year else BLANK
    return f"ngày {BLANK} tháng {month_text} năm {year_text}"


def place_date(
    place: str,
    date: datetime.date | None,
    *,
    month: int | None = None,
    year: int | None = None,
) -> str:
    """ "Lạng Sơn, ngày 05 tháng 01 năm 2026"; `month` / `year` as in `date_in_words`."""
    return f"{place}, {date_in_words(date, month=month, year=year)}"


def short_date(date: datetime.date | None) -> str:
    """A date in running text: "04/11/1909", "19/8/2019", "05/01/2026"."""
    if date is None:
        return ""
    date = _as_date(date)
    return f"{two_digits(date.day)}/{_month(date.month)}/{date.year}"


def month_year(month: int, year: int) -> str:
    """A month in running text: "01/2020", "12/2019"."""
    return f"{_month(month)}/{year}"


def form_date(date: datetime.date | None) -> str:
    """A date in a form or a table: always "dd/mm/yyyy"."""
    if date is None:
        return ""
    return _as_date(date).strftime("%d/%m/%Y")


def format_number(n: int | Decimal | float | None) -> str:
    """Dots between thousands, a comma before decimals: 2340000 -> "2.340.000", 1.5 -> "1,5"."""
    if n is None or n == "":
        return ""
    value = Decimal(str(n)) if not isinstance(n, Decimal) else n
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    fraction = value - whole
    text = f"{whole:,}".replace(",", ".")
    if fraction:
        decimals = format(fraction.normalize(), "f").split(".")[1]
        text = f"{text},{decimals}"
    return sign + text


def format_money(n: int | Decimal | None) -> str:
    """ "2.340.000 đồng"."""
    if n is None or n == "":
        return ""
    return f"{format_number(n)} đồng"


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 10**9


def _read_group(n: int, *, full: bool) -> list[str]:
    """Words for 0 < n < 1000. `full` reads the hundreds even when zero ("không trăm").

    Every group but the leading one is read in full: 1.005.000 is "một triệu không trăm linh
    năm nghìn", while 5.000 is just "năm nghìn".
    """
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _read_below_billion(n: int, *, full: bool) -> list[str]:
    words: list[str] = []
    groups = ((n // 10**6, "triệu"), (n // 1000 % 1000, "nghìn"), (n % 1000, ""))
    for value, scale in groups:
        if not value:
            continue
        words += _read_group(value, full=full or bool(words))
        if scale:
            words.append(scale)
    return words


def _read(n: int, *, full: bool = False) -> list[str]:
    if n >= _BILLION:
        high, low = divmod(n, _BILLION)
        words = [*_read(high, full=full), "tỷ"]
        if low:
            words += _read_below_billion(low, full=True)
        return words
    return _read_below_billion(n, full=full)


def number_in_words(n: int, *, capitalize: bool = True) -> str:
    """A whole number in Vietnamese words: 2340000 -> "Hai triệu ba trăm bốn mươi nghìn".

    Reading rules: "mười" / "mươi", "mốt" (21), "tư" (24), "lăm" (15, 25), "linh" for an
    empty tens place (105), "không trăm" inside a number (1.005.000), nghìn / triệu / tỷ.
    """
    n = int(n)
    if n == 0:
        words = ["không"]
    elif n < 0:
        words = ["âm", *_read(-n)]
    else:
        words = _read(n)
    text = " ".join(words)
    return text[0].upper() + text[1:] if capitalize else text


def money_in_words(n: int | Decimal, *, capitalize: bool = True) -> str:
    """ "Hai triệu ba trăm bốn mươi nghìn đồng"; amounts are whole đồng."""
    return f"{number_in_words(int(n), capitalize=capitalize)} đồng"
