"""
The archive's models: the content visitors read (`content`) and the catalog's version that
cached pages are keyed on (`versioning`).
"""

from .content import (
    HEX_COLOUR,
    WORDS_PER_MINUTE,
    Collaboration,
    CollaborationQuerySet,
    Currency,
    Milestone,
    Partner,
    PublishableModel,
    PublishableQuerySet,
    ReleaseFacts,
    Shoe,
    ShoeQuerySet,
    Status,
    Technology,
    TrendNote,
    TrendNoteQuerySet,
    non_negative,
    not_before_1993,
    parse_palette,
    release_constraints,
    validate_palette,
)
from .partial_dates import PartialDateMixin
from .redirects import Redirect
from .sources import Citable, Citation, Qualifier, Source
from .versioning import ContentVersion

__all__ = [
    "Redirect",
    "Source",
    "Qualifier",
    "Citation",
    "Citable",
    "HEX_COLOUR",
    "WORDS_PER_MINUTE",
    "Collaboration",
    "CollaborationQuerySet",
    "ContentVersion",
    "Currency",
    "Milestone",
    "PartialDateMixin",
    "Partner",
    "PublishableModel",
    "PublishableQuerySet",
    "ReleaseFacts",
    "Shoe",
    "ShoeQuerySet",
    "Status",
    "Technology",
    "TrendNote",
    "TrendNoteQuerySet",
    "non_negative",
    "not_before_1993",
    "parse_palette",
    "release_constraints",
    "validate_palette",
]
