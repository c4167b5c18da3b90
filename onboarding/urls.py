from django.urls import path

from onboarding import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    # Reviewers of a round may download the files it froze; the owner and staff always.
    path("files/<uuid:file_id>/", views.file_download, name="file_download"),
    path("dashboard/plan/", views.deepening_plan, name="deepening_plan"),
    path("submit/", views.submit, name="submit"),
    path("submit/rounds/<int:pk>/", views.submission_round, name="submission_round"),
    path(
        "submit/rounds/<int:pk>/benchmarks/<int:artifact_id>/",
        views.submission_round_benchmark,
        name="submission_round_benchmark",
    ),
    path(
        "submit/rounds/<int:pk>/withdraw/",
        views.submission_withdraw,
        name="submission_withdraw",
    ),
    path("review/", views.review_queue, name="review_queue"),
    path("review/calibration/", views.calibration, name="calibration"),
    path("review/rounds/<int:pk>/", views.review_round, name="review_round"),
    path(
        "review/rounds/<int:pk>/benchmarks/<int:artifact_id>/",
        views.review_round_benchmark,
        name="review_round_benchmark",
    ),
    path("review/rounds/<int:pk>/claim/", views.review_claim, name="review_claim"),
    path("review/rounds/<int:pk>/release/", views.review_release, name="review_release"),
    path("review/rounds/<int:pk>/adjudicate/", views.round_adjudicate, name="round_adjudicate"),
]
