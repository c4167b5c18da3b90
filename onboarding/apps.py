from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = "Onboarding, submissions and reviews"

    def ready(self) -> None:
        # People's emails and roles are profiles' (below this app, which it may not call):
        # a change that makes a claim or a first offer unusable ends it (onboarding.receivers).
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_save,
            pre_delete,
            pre_save,
        )

        from onboarding import receivers

        pre_save.connect(
            receivers.person_saving, sender="profiles.User", dispatch_uid="email-before-save"
        )
        post_save.connect(
            receivers.person_saved, sender="profiles.User", dispatch_uid="conflicted-claims"
        )
        m2m_changed.connect(
            receivers.groups_left, sender="profiles.User_groups", dispatch_uid="lapsed-offers"
        )
        # Deleting or renaming a group changes no membership that m2m_changed reports.
        pre_delete.connect(
            receivers.group_deleting, sender="auth.Group", dispatch_uid="group-members"
        )
        post_delete.connect(
            receivers.group_deleted, sender="auth.Group", dispatch_uid="group-deleted"
        )
        post_save.connect(receivers.group_saved, sender="auth.Group", dispatch_uid="group-saved")
