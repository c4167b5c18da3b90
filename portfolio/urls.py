from django.urls import path

from portfolio import views
from portfolio.views import evidence

urlpatterns = [
    path("portfolio/", views.portfolio_index, name="portfolio"),
    path("portfolio/public/", views.public_page_settings, name="public_page_settings"),
    path("portfolio/samples/new/", views.work_sample_create, name="work_sample_create"),
    path("portfolio/samples/<int:pk>/", views.work_sample_detail, name="work_sample_detail"),
    path("portfolio/samples/<int:pk>/edit/", views.work_sample_edit, name="work_sample_edit"),
    path("portfolio/samples/<int:pk>/delete/", views.work_sample_delete, name="work_sample_delete"),
    path(
        "portfolio/samples/<int:pk>/duplicate/",
        views.work_sample_duplicate,
        name="work_sample_duplicate",
    ),
    path("portfolio/test-plans/new/", views.adversarial_plan_create, name="test_plan_create"),
    path("portfolio/test-plans/<int:pk>/", views.adversarial_plan_detail, name="test_plan_detail"),
    path("portfolio/test-plans/<int:pk>/edit/", views.adversarial_plan_edit, name="test_plan_edit"),
    path(
        "portfolio/test-plans/<int:pk>/delete/",
        views.adversarial_plan_delete,
        name="test_plan_delete",
    ),
    path(
        "portfolio/test-plans/<int:pk>/duplicate/",
        views.adversarial_plan_duplicate,
        name="test_plan_duplicate",
    ),
    path("portfolio/benchmarks/new/", views.benchmark_create, name="benchmark_create"),
    path("portfolio/benchmarks/<int:pk>/", views.benchmark_detail, name="benchmark_detail"),
    path("portfolio/benchmarks/<int:pk>/edit/", views.benchmark_edit, name="benchmark_edit"),
    path("portfolio/benchmarks/<int:pk>/delete/", views.benchmark_delete, name="benchmark_delete"),
    path(
        "portfolio/benchmarks/<int:pk>/duplicate/",
        views.benchmark_duplicate,
        name="benchmark_duplicate",
    ),
    path("portfolio/benchmarks/<int:pk>/import/", views.benchmark_import, name="benchmark_import"),
    path(
        "portfolio/benchmarks/<int:pk>/items.csv",
        views.benchmark_export_csv,
        name="benchmark_export_csv",
    ),
    path(
        "portfolio/benchmarks/<int:pk>/items.jsonl",
        views.benchmark_export_jsonl,
        name="benchmark_export_jsonl",
    ),
    # The expert's profile page counts the portfolio's work samples as evidence.
    path("profile/", views.profile_detail, name="profile"),
    # Which artifacts show each deep domain (depth 4 or 5) of the profile.
    path("profile/evidence/", evidence.profile_evidence, name="profile_evidence"),
    path("profile/evidence/<int:pk>/remove/", evidence.evidence_remove, name="evidence_remove"),
]
