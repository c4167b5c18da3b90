from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = "Portfolio artifacts and files"

    def ready(self) -> None:
        # A profile document's work samples are these; profiles cannot import us, so we
        # hand them down.
        from portfolio.document_samples import PortfolioWorkSamples
        from profiles.work_samples import install

        install(PortfolioWorkSamples())
