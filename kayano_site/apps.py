from django.contrib.admin.apps import AdminConfig


class KayanoAdminConfig(AdminConfig):
    """Django's admin, with the archive's site (a second factor for staff) as the default."""

    default_site = "kayano_site.admin_site.KayanoAdminSite"
