"""What onboarding does when a person changes in profiles, the app below it, which may not
call it: each receiver hands the change to a service. Connected in OnboardingConfig.ready()
to Django's model signals, so every way in counts (the admin's form and actions, commands,
closing an account)."""

from onboarding.services import assignment


def _email_or_activity_may_change(instance, raw, update_fields) -> bool:
    """Not a new account, a fixture, or a save of other fields only (the login's last_login)."""
    if raw or instance.pk is None or instance._state.adding:
        return False
    return update_fields is None or bool({"email", "is_active"} & set(update_fields))


def person_saving(sender, instance, raw, update_fields=None, **kwargs) -> None:
    """The address as stored before this save, for person_saved() to tell a change."""
    if _email_or_activity_may_change(instance, raw, update_fields):
        rows = sender._default_manager.filter(pk=instance.pk)
        instance._email_before_save = rows.values_list("email", flat=True).first()


def person_saved(sender, instance, created, raw, update_fields=None, **kwargs) -> None:
    """An email address changed (staff do it in the admin) may put the person in conflict
    with someone whose round they hold, or who holds theirs: that claim is released. A
    deactivated account no longer reviews: a first offer to it ends."""
    if created or not _email_or_activity_may_change(instance, raw, update_fields):
        return
    if getattr(instance, "_email_before_save", None) != instance.email:
        assignment.conflicted_claims_release(
            person=instance, actor=None, why="after an email address changed"
        )
    if not instance.is_active:
        assignment.former_reviewers_claims_release([instance.pk])
        assignment.first_offers_lapse()


def groups_left(sender, instance, action, reverse, pk_set=None, **kwargs) -> None:
    """Someone left a group (it may be the Reviewers): the claims of anyone who no longer
    reviews are released, and a first offer made to them ends."""
    if action in ("post_remove", "post_clear"):
        # From the person's side their key; from the group's, those removed (all: unknown).
        people = [instance.pk] if not reverse else sorted(pk_set) if pk_set else None
        assignment.former_reviewers_claims_release(people)
        assignment.first_offers_lapse()


def group_deleting(sender, instance, **kwargs) -> None:
    """Its members, for group_deleted(): their memberships go with the group, and no
    m2m_changed says so."""
    instance._members_before_delete = list(instance.user_set.values_list("pk", flat=True))


def group_deleted(sender, instance, **kwargs) -> None:
    """A group was deleted (the admin refuses it for the Reviewers; a shell does not): its
    members' claims are released if they no longer review, and a first offer to them ends."""
    _members_may_have_left(getattr(instance, "_members_before_delete", []))


def group_saved(sender, instance, created, raw, **kwargs) -> None:
    """A group renamed (the Reviewers away from their name, from a shell) takes the role from
    its members as a deletion does."""
    if not created and not raw:
        _members_may_have_left(list(instance.user_set.values_list("pk", flat=True)))


def _members_may_have_left(people: list[int]) -> None:
    if people:
        assignment.former_reviewers_claims_release(people)
        assignment.first_offers_lapse()
