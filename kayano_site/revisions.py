from reversion.middleware import RevisionMiddleware

ADMIN_PREFIX = "/admin/"


class AdminRevisionMiddleware(RevisionMiddleware):
    """Every write in the admin (saves, bulk actions, imports) is one restorable revision.

    Only the admin writes. The public site is read-only, so a POST there is refused
    (`catalog.read_only`) without opening a transaction, and so without the database."""

    def request_creates_revision(self, request):
        return super().request_creates_revision(request) and request.path_info.startswith(
            ADMIN_PREFIX
        )
