"""Values every template needs: the site's name, and the code release (fragment cache keys)."""

from django.conf import settings

from kayano_site.release import build_id


def site(request):
    return {"site_name": settings.SITE_NAME, "release": build_id()}
