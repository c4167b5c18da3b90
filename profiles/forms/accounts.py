"""Signing up and logging in."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm

from profiles.models import User
from profiles.throttling import password_confirmed


class SignupForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("name", "email")
        labels = {"name": "Full name", "email": "Email address"}
        help_texts = {"email": "You will log in with this address."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        # Django's form focuses the login field (email); the first field is the name.
        self.fields["email"].widget.attrs.pop("autofocus", None)
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name", "autofocus": True})
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Create account"))

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                "An account with this email address already exists. Log in instead, "
                "or reset your password."
            )
        return email


class LoginForm(AuthenticationForm):
    # Django's says "both fields may be case-sensitive"; an email address here is not.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email address and password do not match an account. Check "
        "them and try again: the password is case-sensitive, the email address is not.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autofocus": True, "autocomplete": "email"}
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Log in"))

    def add_error(self, field, error):
        super().add_error(field, error)
        if field is None:
            # The pair did not match: both fields are what is wrong, and a screen reader in
            # either (the email address has the focus) reads why, from crispy's errors.html.
            for name in ("username", "password"):
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": "form-errors"}
                )


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's, with the old password checked as a login is (profiles.throttling)."""

    def __init__(self, user, *args, request, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not password_confirmed(self.request, self.user, old_password):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password
