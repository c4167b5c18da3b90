"""Who may close their own account."""

from rubrics.models import Rubric

# --- Accounts ---------------------------------------------------------------------------------
# Deleting an account removes everything its owner made. Staff accounts, and accounts that own
# review rubrics (the instrument every reviewer scores with), are closed by staff in the admin.


def can_delete_account(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return False
    return not Rubric.objects.filter(owner=user, kind=Rubric.Kind.REVIEW).exists()
