"""The licence the archive offers its own text and data under, as the API and its page state it."""

from django.conf import settings

LICENCE_NAME = "CC BY 4.0"
LICENCE_TITLE = "Creative Commons Attribution 4.0 International"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SCOPE = (
    "The archive's own text and data: entries, facts, stories, notes and citations. "
    "Pictures are not included; each belongs to its owner."
)


def licence() -> dict[str, str]:
    """The licence, and the name to credit (with a link to the entry's page)."""
    return {
        "name": LICENCE_NAME,
        "title": LICENCE_TITLE,
        "url": LICENCE_URL,
        "attribution": settings.SITE_NAME,
        "scope": SCOPE,
    }
