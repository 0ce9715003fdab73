"""
The admin site, with a second factor for staff (django-otp).

With `ADMIN_REQUIRE_2FA` on (the default unless DEBUG), a staff member logs in with a
password and a code from an authenticator app (TOTP) or a one-time recovery code, and the
admin lets in only sessions verified that way. `/admin/two-factor/` enrols an app and
issues recovery codes. The first superuser logs in once with a code from
`manage.py addstatictoken NAME`, then enrols an app there.
"""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.urls import path
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

from . import two_factor


class KayanoAdminSite(OTPAdminSite):
    site_header = "Kayano 14 Archive"
    site_title = "Kayano 14 Archive admin"
    index_title = "Curate the archive"
    index_template = "admin/kayano_index.html"

    def __init__(self, name="admin"):
        super().__init__(name)

    @property
    def login_form(self):
        return OTPAdminAuthenticationForm if settings.ADMIN_REQUIRE_2FA else AdminAuthenticationForm

    @property
    def login_template(self):
        return OTPAdminSite.login_template if settings.ADMIN_REQUIRE_2FA else None

    def has_permission(self, request):
        if settings.ADMIN_REQUIRE_2FA:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def get_urls(self):
        return [
            path("two-factor/", self.admin_view(two_factor.enrol), name="two-factor"),
            *super().get_urls(),
        ]
