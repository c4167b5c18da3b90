import json

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm

from profiles import services
from profiles.documents import PROFILE_PREFETCH, document_shape, profile_document
from profiles.models import Profile, User
from profiles.validators import DocumentInvalid, parse_profile_document, validate_profile_document


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


class ProfileAdminForm(forms.ModelForm):
    """Staff edit a profile as its skill-profile document, through the same validator."""

    document = forms.CharField(
        label="Skill-profile document (JSON)",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "class": "vLargeTextField"}),
        help_text="The whole profile; it is checked against the published JSON Schema "
        "and replaces the profile when saved.",
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Profile
        fields = ("user",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["user"].disabled = True
            self.fields["document"].initial = json.dumps(
                profile_document(self.instance), indent=2, ensure_ascii=False
            )
            self.fields["loaded_version"].initial = self.instance.version

    def clean_document(self) -> dict:
        try:
            document = parse_profile_document(self.cleaned_data["document"])
            return validate_profile_document(document)
        except DocumentInvalid as exc:
            raise forms.ValidationError([str(error) for error in exc.document_errors]) from exc

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if self.instance.pk and loaded is not None:
            current = Profile.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
            if current.first() != loaded:
                raise forms.ValidationError(
                    "This profile was saved by someone else after you opened it. "
                    "Reload the page to see their version."
                )
        return cleaned


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    form = ProfileAdminForm
    list_display = ("user", "headline", "shape", "visibility", "version", "updated_at")
    list_filter = ("visibility",)
    search_fields = ("user__email", "user__name", "headline", "slug", "domains__name")
    readonly_fields = ("slug", "version", "created_at", "updated_at")
    raw_id_fields = ("user",)
    fields = ("user", "document", "loaded_version", "slug", "version", "created_at", "updated_at")

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("user").prefetch_related(*PROFILE_PREFETCH)
        )

    @admin.display(description="shape")
    def shape(self, profile: Profile) -> str:
        return document_shape(profile_document(profile)).label

    def save_model(self, request, obj, form, change):
        owner = obj.user if change else form.cleaned_data["user"]
        saved = services.profile_replace_from_document(
            actor=request.user, user=owner, document=form.cleaned_data["document"]
        )
        obj.pk = saved.pk
        obj.refresh_from_db()
