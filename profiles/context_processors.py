from profiles.permissions import is_reviewer, is_staff


def roles(request) -> dict:
    """The navigation changes with the role, so every template knows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_reviewer": False, "is_staff_user": False}
    return {"is_reviewer": is_reviewer(user), "is_staff_user": is_staff(user)}
