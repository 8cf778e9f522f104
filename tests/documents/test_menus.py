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
