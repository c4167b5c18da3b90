from django.urls import path

from portfolio.views import artifacts, evidence, profile

urlpatterns = [
    path("portfolio/", artifacts.portfolio_index, name="portfolio"),
    path("portfolio/public/", artifacts.public_page_settings, name="public_page_settings"),
    path("portfolio/samples/new/", artifacts.work_sample_create, name="work_sample_create"),
    path("portfolio/samples/<int:pk>/", artifacts.work_sample_detail, name="work_sample_detail"),
    path("portfolio/samples/<int:pk>/edit/", artifacts.work_sample_edit, name="work_sample_edit"),
    path(
        "portfolio/samples/<int:pk>/delete/",
        artifacts.work_sample_delete,
        name="work_sample_delete",
    ),
    path(
        "portfolio/samples/<int:pk>/duplicate/",
        artifacts.work_sample_duplicate,
        name="work_sample_duplicate",
    ),
    path("portfolio/test-plans/new/", artifacts.adversarial_plan_create, name="test_plan_create"),
    path(
        "portfolio/test-plans/<int:pk>/", artifacts.adversarial_plan_detail, name="test_plan_detail"
    ),
    path(
        "portfolio/test-plans/<int:pk>/edit/",
        artifacts.adversarial_plan_edit,
        name="test_plan_edit",
    ),
    path(
        "portfolio/test-plans/<int:pk>/delete/",
        artifacts.adversarial_plan_delete,
        name="test_plan_delete",
    ),
    path(
        "portfolio/test-plans/<int:pk>/duplicate/",
        artifacts.adversarial_plan_duplicate,
        name="test_plan_duplicate",
    ),
    path("portfolio/benchmarks/new/", artifacts.benchmark_create, name="benchmark_create"),
    path("portfolio/benchmarks/<int:pk>/", artifacts.benchmark_detail, name="benchmark_detail"),
    path("portfolio/benchmarks/<int:pk>/edit/", artifacts.benchmark_edit, name="benchmark_edit"),
    path(
        "portfolio/benchmarks/<int:pk>/delete/", artifacts.benchmark_delete, name="benchmark_delete"
    ),
    path(
        "portfolio/benchmarks/<int:pk>/duplicate/",
        artifacts.benchmark_duplicate,
        name="benchmark_duplicate",
    ),
    path(
        "portfolio/benchmarks/<int:pk>/import/", artifacts.benchmark_import, name="benchmark_import"
    ),
    path(
        "portfolio/benchmarks/<int:pk>/items.csv",
        artifacts.benchmark_export_csv,
        name="benchmark_export_csv",
    ),
    path(
        "portfolio/benchmarks/<int:pk>/items.jsonl",
        artifacts.benchmark_export_jsonl,
        name="benchmark_export_jsonl",
    ),
    # The expert's profile, whose document lists the portfolio's linked work samples.
    path("profile/", profile.profile_detail, name="profile"),
    path("profile/edit/", profile.profile_edit, name="profile_edit"),
    path("profile/import/", profile.profile_import, name="profile_import"),
    path("profile/export.json", profile.profile_export, name="profile_export"),
    path("profile/export.resume.json", profile.profile_export_resume, name="profile_export_resume"),
    # Which artifacts show each deep domain (depth 4 or 5) of the profile.
    path("profile/evidence/", evidence.profile_evidence, name="profile_evidence"),
    path("profile/evidence/<int:pk>/remove/", evidence.evidence_remove, name="evidence_remove"),
]
