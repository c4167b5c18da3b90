"""The {% icon %} tag: Heroicons inline, decorative unless labelled."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from heroicons import IconDoesNotExist
from pytest_django.asserts import assertHTMLEqual


def render(source: str, **context) -> str:
    return Template("{% load icons %}" + source).render(Context(context))


def test_icon_is_inline_svg_hidden_from_screen_readers():
    html = render('{% icon "check-circle" %}')
    assert html.startswith("<svg ")
    assert 'aria-hidden="true"' in html
    assert 'class="icon icon-mini"' in html
    assert 'focusable="false"' in html
    assert 'width="20" height="20"' in html
    assert "xmlns" not in html


def test_icon_with_a_label_says_it_in_words():
    html = render('{% icon "check-circle" "Done" class="text-success" %}')
    assert 'class="icon icon-mini text-success"' in html
    assert html.endswith('</svg><span class="visually-hidden">Done</span>')


def test_icon_label_is_escaped():
    html = render("{% icon 'x-mark' label %}", label="<b>Not yet</b>")
    assert "<b>" not in html
    assert "&lt;b&gt;Not yet&lt;/b&gt;" in html


@pytest.mark.parametrize(("style", "size"), [("micro", 16), ("outline", 24), ("solid", 24)])
def test_icon_styles_keep_their_own_size(style, size):
    html = render(f'{{% icon "sparkles" style="{style}" %}}')
    assert f'width="{size}" height="{size}"' in html
    assert f"icon-{style}" in html


def test_icon_unknown_style_is_a_template_error():
    with pytest.raises(TemplateSyntaxError, match="icon style"):
        render('{% icon "check" style="duotone" %}')


def test_icon_unknown_name_fails_loudly():
    with pytest.raises(IconDoesNotExist):
        render('{% icon "no-such-icon" %}')


@pytest.mark.parametrize("done", [True, False, None, 0, 3])
def test_check_mark_draws_what_the_check_mark_template_draws(done):
    included = Template('{% include "ui/_check_mark.html" %}').render(Context({"done": done}))
    assertHTMLEqual(render("{% check_mark done %}", done=done), included)
