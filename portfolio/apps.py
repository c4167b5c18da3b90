from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = "Portfolio, submissions and reviews"

    def ready(self) -> None:
        from portfolio.queries import work_sample_types_of
        from profiles.completeness import SAMPLE_TYPE_SOURCES

        # Portfolio work samples count as evidence on the profile's completeness meter.
        SAMPLE_TYPE_SOURCES.append(work_sample_types_of)
