"""
The reference article the seed content is checked against (`shared/reference/`, beside the
checkout). Without it these checks skip with a reason; CI sets REQUIRE_REFERENCE=1, which
turns the skip into a failure, because there the article is always present.
"""

import re
from pathlib import Path

from django.conf import settings

from .gates import unavailable

ARTICLE = Path(settings.BASE_DIR).parent / "shared/reference/gel-kayano-14-story.txt"
COPY_LIMIT = 8
"""Runs of this many consecutive article words count as copying."""


def article_text():
    if not ARTICLE.is_file():
        unavailable("reference", f"needs the reference article at {ARTICLE}")
    return ARTICLE.read_text(encoding="utf-8")


def paragraphs(text):
    """{n: paragraph}: ¶n is the n-th non-empty line of the article, headings included."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return dict(enumerate(lines, start=1))


def words(text):
    """Lowercase words with punctuation stripped (apostrophes vanish, other marks split)."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return re.findall(r"[a-z0-9]+", text)


def runs(word_list, length=COPY_LIMIT):
    return {tuple(word_list[i : i + length]) for i in range(len(word_list) - length + 1)}
