from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = "Onboarding, submissions and reviews"

    def ready(self) -> None:
        # People's emails are profiles' (below this app, which it may not call): a change
        # that makes a claim unusable releases it (onboarding.receivers).
        from django.db.models.signals import post_save

        from onboarding import receivers

        post_save.connect(
            receivers.person_saved, sender="profiles.User", dispatch_uid="conflicted-claims"
        )
