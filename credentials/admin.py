from django.contrib import admin
from django.utils.html import format_html

from common.admin import ReadOnlyAdmin
from credentials.models import IssuedCredential


@admin.register(IssuedCredential)
class IssuedCredentialAdmin(ReadOnlyAdmin):
    """Read-only: credentials are issued on approval and revoked from the round page, where
    the reason is asked for and audited."""

    list_display = ["round", "expert", "issued_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["round__expert_name", "expert__email"]
    list_select_related = ["round", "expert"]
    readonly_fields = ["revoke_link"]

    @admin.display(description="Revoke")
    def revoke_link(self, credential: IssuedCredential) -> str:
        if credential.is_revoked:
            return f"Revoked: {credential.revoke_reason}"
        return format_html('<a href="{}">Revoke this approval…</a>', credential.revoke_url)
