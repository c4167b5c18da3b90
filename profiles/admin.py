from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group

from profiles import services
from profiles.models import User
from profiles.permissions import REVIEWER_GROUP


class AdminUserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "name")


class AdminUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    ordering = ("email",)
    list_display = ("email", "name", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal info", {"fields": ("name",)}),
        (
            "Roles",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),
    )
    actions = ["grant_reviewer", "revoke_reviewer"]

    @admin.action(description="Grant the reviewer role")
    def grant_reviewer(self, request, queryset):
        for user in queryset:
            services.reviewer_grant(user=user)
        self.message_user(
            request, f"{queryset.count()} user(s) are now reviewers.", messages.SUCCESS
        )

    @admin.action(description="Revoke the reviewer role")
    def revoke_reviewer(self, request, queryset):
        for user in queryset:
            services.reviewer_revoke(user=user)
        self.message_user(request, f"{queryset.count()} user(s) are no longer reviewers.")


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    """The Reviewers group is how the site knows who reviews: staff give and take the role
    person by person (the user actions above), never by deleting or renaming the group,
    which would end everyone's role at once with no change of membership to act on (their
    claims and first offers would stay until they expire)."""

    def has_delete_permission(self, request, obj=None) -> bool:
        # With obj None (the list, the delete-selected action) Django asks again per group.
        if obj is not None and obj.name == REVIEWER_GROUP:
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and obj.name == REVIEWER_GROUP:
            return (*readonly, "name")
        return readonly
