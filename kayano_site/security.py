"""Security headers Django does not set itself."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses (camera, microphone, location…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
