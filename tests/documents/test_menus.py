"""{% select_options %}: long menus built in Python, escaped, with the chosen value selected."""

from django.template import Context, Template


def render(choices, selected):
    template = Template("{% load menus %}{% select_options choices selected %}")
    return template.render(Context({"choices": choices, "selected": selected}))


def test_options_are_escaped_and_the_chosen_one_is_selected():
    html = render([(1, "Xã Cao Lâu"), (2, 'Thôn "Bản" <2> & 3')], "2")
    assert html == (
        '<option value="1">Xã Cao Lâu</option>'
        '<option value="2" selected>Thôn &quot;Bản&quot; &lt;2&gt; &amp; 3</option>'
    )


def test_values_are_compared_as_text_and_nothing_is_selected_without_a_choice():
    assert render([(7, "Bảy")], 7) == '<option value="7" selected>Bảy</option>'
    assert render([(7, "Bảy")], None) == '<option value="7">Bảy</option>'
    assert render([(7, "Bảy")], "") == '<option value="7">Bảy</option>'
    assert render([], "7") == ""


def test_safe_labels_are_kept_and_quotes_in_values_are_escaped():
    from django.utils.safestring import mark_safe

    html = render([("a'b", mark_safe("<b>Đậm</b>"))], None)
    assert html == '<option value="a&#x27;b"><b>Đậm</b></option>'


def test_a_kept_menu_marks_each_request_s_own_choice():
    units = [(n, f"Xã {n}") for n in range(1, 301)]
    first = render(units, 5)
    second = render(units, "300")
    assert first.count(" selected") == 1
    assert '<option value="5" selected>Xã 5</option>' in first
    assert second.count(" selected") == 1
    assert '<option value="300" selected>Xã 300</option>' in second
    assert render(units, None).count(" selected") == 0
    assert render([(1, "a"), (1, "b")], 1) == (
        '<option value="1" selected>a</option><option value="1" selected>b</option>'
    )


def test_a_kept_menu_of_translated_labels_follows_the_language():
    from django.utils.translation import gettext_lazy, override

    menu = [("a", gettext_lazy("All years"))]
    with override("vi"):
        vietnamese = render(menu, None)
    with override("en"):
        english = render(menu, None)
    assert english == '<option value="a">All years</option>'
    assert vietnamese != english


def test_a_menu_that_cannot_be_kept_is_still_built():
    assert render([([1], "danh sách")], None) == '<option value="[1]">danh sách</option>'
