from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "Profiles and accounts"

    def ready(self) -> None:
        # Compiles the skill-profile schema now, so a broken schema stops start-up.
        from profiles import schema  # noqa: F401
        from profiles.models import Profile
        from profiles.pagecache import user_scope, watch, watch_accounts

        # Cached pages are keyed by what they show; these changes move the keys.
        watch_accounts()
        watch(Profile, lambda profile: [user_scope(profile.user_id)])
