"""The Markdown sanitiser: what an editor (or a stolen account) types never runs on a page."""

import pytest

from catalog.markdown import render_markdown


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<p style="color:red" onclick="alert(1)">Hi</p>',
        "<iframe src='https://example.org'></iframe>",
    ],
)
def test_raw_html_is_removed(typed):
    html = render_markdown(f"Before.\n\n{typed}\n\nAfter.")
    for dangerous in ("<script", "onerror", "onclick", "style=", "<iframe", "<img"):
        assert dangerous not in html
    assert "Before." in html and "After." in html


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
    ],
)
def test_links_to_scripts_or_data_lose_their_address(link):
    html = render_markdown(link)
    assert "href" not in html
    assert ">x<" in html  # the words stay, without the address


def test_web_links_keep_their_address_with_noopener():
    html = render_markdown("[Asics](https://www.asics.com/)")
    assert html == '<p><a href="https://www.asics.com/" rel="noopener">Asics</a></p>'


@pytest.mark.parametrize(
    ("typed", "shift", "tag"),
    [
        ("# Title", 0, "h2"),  # the page owns its single h1
        ("## Part", 0, "h2"),
        ("###### Deep", 0, "h4"),  # no h5 or h6
        ("## Part", 1, "h3"),  # under a heading of the page's own
        ("#### Deep", 1, "h4"),
    ],
)
def test_headings_are_clamped_to_the_pages_outline(typed, shift, tag):
    assert render_markdown(typed, shift).startswith(f"<{tag}>")
