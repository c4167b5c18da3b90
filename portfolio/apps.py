from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = "Portfolio artifacts and files"

    def ready(self) -> None:
        # A profile document's work samples are these; profiles cannot import us, so we
        # hand them down.
        from portfolio.claims import PortfolioStandings
        from portfolio.document_samples import PortfolioWorkSamples
        from profiles import claims, work_samples

        work_samples.install(PortfolioWorkSamples())
        # Likewise where each credential stands, which its proofs here decide.
        claims.install(PortfolioStandings())
