"""The rubric builder and the import form. Forms convert and validate; they never write."""

from rubrics.forms.builder import RubricBuilder
from rubrics.forms.imports import RubricImportForm
from rubrics.forms.rubric import KIND_CHOICES, RubricForm

__all__ = ["KIND_CHOICES", "RubricBuilder", "RubricForm", "RubricImportForm"]
