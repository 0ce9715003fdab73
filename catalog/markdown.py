"""
Markdown for editors' long-form fields (stories, trend note bodies), made safe for visitors.

Editors write Markdown; `render_markdown` turns it into HTML with python-markdown and then
sanitises that HTML with nh3, so raw HTML, scripts, inline styles and `javascript:` links
never reach a page, whatever an editor (or a compromised account) types.
"""

from xml.etree.ElementTree import Element

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "a",
    "blockquote",
    "code",
    "pre",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https"}

# The page owns its single h1, and h5/h6 are not allowed: headings are kept within h2–h4
# so that an editor's "# Title" still reads as a heading instead of losing its markup.
HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}


class _ClampHeadings(Treeprocessor):
    def __init__(self, md: markdown.Markdown, shift: int) -> None:
        super().__init__(md)
        self.shift = shift

    def run(self, root: Element) -> None:
        for element in root.iter():
            level = HEADING_LEVELS.get(element.tag)
            if level:
                element.tag = f"h{min(max(level + self.shift, 2), 4)}"


class _ClampHeadingsExtension(Extension):
    def __init__(self, shift: int = 0) -> None:
        super().__init__()
        self.shift = shift

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_ClampHeadings(md, self.shift), "clamp_headings", 0)


def _to_html(text: str | None, shift_headings: int = 0) -> str:
    return markdown.markdown(
        text or "",
        extensions=["extra", "sane_lists", _ClampHeadingsExtension(shift_headings)],
        output_format="html",
    )


def render_markdown(text: str | None, shift_headings: int = 0) -> SafeString:
    """Markdown to sanitised HTML, safe to output in a template without escaping.

    `shift_headings` moves the editor's headings down that many levels, for text that sits
    under a heading of the page's own (a story under "The story" starts at h3).

    Models call this once, when an entry is saved, and store the result
    (`catalog/models/rendering.py`); pages output the stored HTML.
    """
    cleaned = nh3.clean(
        _to_html(text, shift_headings),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 (nh3 has just removed everything unsafe)
