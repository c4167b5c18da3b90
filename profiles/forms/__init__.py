"""Profile forms: signing up and in, the profile editor, importing a profile."""

from profiles.forms.accounts import LoginForm, PasswordChangeForm, SignupForm
from profiles.forms.editor import ProfileEditor
from profiles.forms.imports import ProfileImportForm

__all__ = ["LoginForm", "PasswordChangeForm", "ProfileEditor", "ProfileImportForm", "SignupForm"]
