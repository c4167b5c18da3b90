from django.urls import path

from onboarding.views import (
    assign,
    conflicts,
    dashboard,
    files,
    proofs,
    public,
    review,
    rounds,
    submit,
)

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    # Reviewers of a round may download the files it froze; the owner and staff always.
    path("files/<uuid:file_id>/", files.file_download, name="file_download"),
    path("dashboard/plan/", dashboard.deepening_plan, name="deepening_plan"),
    path("submit/", submit.submit, name="submit"),
    path("submit/rounds/<int:pk>/", rounds.submission_round, name="submission_round"),
    path(
        "submit/rounds/<int:pk>/benchmarks/<int:artifact_id>/",
        rounds.submission_round_benchmark,
        name="submission_round_benchmark",
    ),
    path(
        "submit/rounds/<int:pk>/withdraw/",
        submit.submission_withdraw,
        name="submission_withdraw",
    ),
    # A public profile, with the verified portfolio once a round is approved.
    path("p/<slug:slug>/", public.public_profile, name="public_profile"),
    path("review/", review.review_queue, name="review_queue"),
    path("review/calibration/", review.calibration, name="calibration"),
    path("review/rounds/<int:pk>/", rounds.review_round, name="review_round"),
    path(
        "review/rounds/<int:pk>/benchmarks/<int:artifact_id>/",
        rounds.review_round_benchmark,
        name="review_round_benchmark",
    ),
    path("review/rounds/<int:pk>/claim/", rounds.review_claim, name="review_claim"),
    path("review/rounds/<int:pk>/release/", rounds.review_release, name="review_release"),
    path("review/rounds/<int:pk>/adjudicate/", rounds.round_adjudicate, name="round_adjudicate"),
    path("review/rounds/<int:pk>/assign/", assign.round_assign, name="round_assign"),
    path(
        "review/rounds/<int:pk>/more-reviews/", assign.round_reviews_add, name="round_reviews_add"
    ),
    path(
        "review/rounds/<int:pk>/redaction/",
        assign.round_redaction_request,
        name="round_redaction_request",
    ),
    # Proofs of credentials: the expert's page, and staff's list and decision.
    path("profile/credentials/", proofs.proofs, name="proofs"),
    path("profile/credentials/attach/", proofs.proof_attach_view, name="proof_attach"),
    path(
        "profile/credentials/proofs/<int:pk>/remove/",
        proofs.proof_remove_view,
        name="proof_remove",
    ),
    path("review/credentials/", proofs.proofs_to_verify, name="proofs_to_verify"),
    path("review/credentials/<int:pk>/", proofs.proof_review, name="proof_review"),
    path("conflicts/", conflicts.conflicts, name="conflicts"),
    path("conflicts/<int:pk>/withdraw/", conflicts.conflict_withdraw, name="conflict_withdraw"),
]
