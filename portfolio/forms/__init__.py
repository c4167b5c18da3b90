"""Portfolio forms. They convert and validate input; services do the writing."""

from portfolio.forms.benchmarks import BenchmarkEditor, BenchmarkItemsImportForm
from portfolio.forms.evidence import EvidenceForm
from portfolio.forms.publication import PublicationForm
from portfolio.forms.test_plans import AdversarialPlanEditor
from portfolio.forms.work_samples import WorkSampleForm

__all__ = [
    "AdversarialPlanEditor",
    "BenchmarkEditor",
    "BenchmarkItemsImportForm",
    "EvidenceForm",
    "PublicationForm",
    "WorkSampleForm",
]
