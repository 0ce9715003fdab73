"""
The archive's models, re-exported here so that `from catalog.models import Shoe` works:

- `publishing`: the draft/published status and `published()` every public model shares;
- `shoes`: shoes and their technologies; `content`: partners, collaborations, trend notes
  and milestones; `releases`: the date and prices a release has; `prices`: the dated,
  cited price points its prices derive from;
- `sources`: the sources and citations behind each fact;
- `rendering`: Markdown fields rendered to stored HTML on save;
- `search_document`: the weighted text PostgreSQL's search reads, stored for shoes;
- `validators`: field validators and the database constraints that mirror them;
- `identity`: the permanent public id of every public entry;
- `partial_dates`, `editing`, `redirects`: dates at a precision, edit versions, old
  addresses of renamed entries;
- `versioning`: the catalog's version that cached pages are keyed on.
"""

from .content import (
    WORDS_PER_MINUTE,
    Collaboration,
    CollaborationQuerySet,
    Milestone,
    Partner,
    TrendNote,
    TrendNoteQuerySet,
)
from .identity import PublicIdentity
from .partial_dates import PartialDateMixin
from .prices import PricePoint
from .publishing import PublishableModel, PublishableQuerySet, Status
from .redirects import Redirect
from .releases import Currency, ReleaseFacts, release_constraints
from .rendering import RendersMarkdown
from .shoes import Shoe, ShoeQuerySet, Technology
from .sources import Citable, Citation, Qualifier, Source
from .validators import HEX_COLOUR, non_negative, not_before_1993, parse_palette, validate_palette
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
    "PricePoint",
    "PublicIdentity",
    "PublishableModel",
    "PublishableQuerySet",
    "ReleaseFacts",
    "RendersMarkdown",
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
