from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "Profiles and accounts"

    def ready(self) -> None:
        # Compiles the skill-profile schema now, so a broken schema stops start-up.
        from profiles import schema  # noqa: F401
