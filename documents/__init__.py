"""Official documents: Vietnamese formatting and Nghị định 30/2020 PDFs. No models.

Public API (import from the submodules; this package imports nothing, so that loading it does not
load WeasyPrint):

documents.vietnamese
    two_digits(n) -> "05";  count_with_zero(n) -> "05" (counts in a trích yếu)
    doc_number(number | None, type_abbr, issuer_abbr) -> "Số: 05/QĐ-UBND" (None: blank to fill)
    date_in_words(date | None, *, month=None, year=None) -> "ngày 05 tháng 01 năm 2026"
    place_date(place, date | None, *, month=None, year=None) -> "Lạng Sơn, ngày 05 tháng 01 …"
    short_date(date) -> "19/8/2019";  month_year(month, year) -> "01/2020"
    form_date(date) -> "19/08/2019"
    format_number(n) -> "2.340.000";  format_money(n) -> "2.340.000 đồng"
    number_in_words(n, *, capitalize=True);  money_in_words(n, *, capitalize=True)
        -> "Hai triệu ba trăm bốn mươi nghìn đồng"
    BLANK: the non-breaking gap left for a hand-written number or day
documents.text
    fold(text) -> "lang son" (search);  name_sort_key(full_name) (sort people by given name)
documents.layout
    Issuer(name, parent_name=""), Signer(mode_lines, name), OfficialDocument(...): the frame
    that documents/nd30_base.html prints around a body
documents.pdf
    render_pdf(template_name, context, *, request=None) -> bytes
    pdf_response(pdf_bytes, filename, inline=True) -> HttpResponse
Templates
    documents/nd30_base.html (context `doc`; blocks extra_css, body, closing, after);
    documents/nd30_sample.html shows its use. Filters: {% load vn %} vn_date_words,
    vn_short_date, vn_form_date, vn_number, vn_money, vn_money_words, two_digits.
"""
