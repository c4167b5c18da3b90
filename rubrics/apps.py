from django.apps import AppConfig


class RubricsConfig(AppConfig):
    name = "rubrics"
    verbose_name = "Rubrics"

    def ready(self) -> None:
        from profiles.pagecache import RUBRICS, user_scope, watch
        from rubrics.models import Rubric

        watch(Rubric, lambda rubric: [user_scope(rubric.owner_id), RUBRICS])
