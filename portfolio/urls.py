from django.urls import path

from portfolio.views import benchmarks, evidence, pages, profile, test_plans, work_samples

urlpatterns = [
    path("portfolio/", pages.portfolio_index, name="portfolio"),
    path("portfolio/public/", pages.public_page_settings, name="public_page_settings"),
    path("portfolio/samples/new/", work_samples.work_sample_create, name="work_sample_create"),
    path("portfolio/samples/<int:pk>/", work_samples.work_sample_detail, name="work_sample_detail"),
    path(
        "portfolio/samples/<int:pk>/edit/", work_samples.work_sample_edit, name="work_sample_edit"
    ),
    path(
        "portfolio/samples/<int:pk>/delete/",
        work_samples.work_sample_delete,
        name="work_sample_delete",
    ),
    path(
        "portfolio/samples/<int:pk>/duplicate/",
        work_samples.work_sample_duplicate,
        name="work_sample_duplicate",
    ),
    path("portfolio/test-plans/new/", test_plans.adversarial_plan_create, name="test_plan_create"),
    path(
        "portfolio/test-plans/<int:pk>/",
        test_plans.adversarial_plan_detail,
        name="test_plan_detail",
    ),
    path(
        "portfolio/test-plans/<int:pk>/edit/",
        test_plans.adversarial_plan_edit,
        name="test_plan_edit",
    ),
    path(
        "portfolio/test-plans/<int:pk>/delete/",
        test_plans.adversarial_plan_delete,
        name="test_plan_delete",
    ),
    path(
        "portfolio/test-plans/<int:pk>/duplicate/",
        test_plans.adversarial_plan_duplicate,
        name="test_plan_duplicate",
    ),
    path("portfolio/benchmarks/new/", benchmarks.benchmark_create, name="benchmark_create"),
    path("portfolio/benchmarks/<int:pk>/", benchmarks.benchmark_detail, name="benchmark_detail"),
    path("portfolio/benchmarks/<int:pk>/edit/", benchmarks.benchmark_edit, name="benchmark_edit"),
    path(
        "portfolio/benchmarks/<int:pk>/delete/",
        benchmarks.benchmark_delete,
        name="benchmark_delete",
    ),
    path(
        "portfolio/benchmarks/<int:pk>/duplicate/",
        benchmarks.benchmark_duplicate,
        name="benchmark_duplicate",
    ),
    path(
        "portfolio/benchmarks/<int:pk>/import/",
        benchmarks.benchmark_import,
        name="benchmark_import",
    ),
    path(
        "portfolio/benchmarks/<int:pk>/items.csv",
        benchmarks.benchmark_export_csv,
        name="benchmark_export_csv",
    ),
    path(
        "portfolio/benchmarks/<int:pk>/items.jsonl",
        benchmarks.benchmark_export_jsonl,
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
