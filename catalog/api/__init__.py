"""
The archive's read-only JSON API, at `/api/v1/`, and the page that explains it, at `/api/`.

- `endpoints.py`: the resources (shoes, collaborations, partners, trend notes, milestones,
  sources), each a published queryset with its relations loaded and its list's filters;
- `representations.py`: how an entry is written out;
- `views.py`: the HTTP side (paging, errors, CORS, the page cache); `urls.py`: addresses;
- `openapi.py`: the OpenAPI 3.1 document, with each object's schema in `schemas.py`;
- `licence.py`: the licence of the data.

Plain Django views, not a framework such as Django REST framework or django-ninja: the
surface is small and read-only (GET only, no input beyond a few query parameters, no
authentication), and plain views reuse what the site already has and has tested: the page
cache with its ETag, conditional GET and bounded keys (`catalog.caching.public_page`), the
list filter forms, `published()` and the query budget. A framework would bring its own
rendering, paging, content negotiation and schema generation to be kept in step with all
of those, and a dependency, for six read-only resources.
"""
