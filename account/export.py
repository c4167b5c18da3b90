"""Everything a person has in Expertfolio, as one zip file they can keep or take elsewhere.

The zip is written into a temporary file (uploads are copied in chunks, never held in memory
whole) and streamed from there. Its layout, explained to its reader by README.txt inside:

    account.json                       the account, roles and the 60–90 day plan
    profile/skill-profile.json         the skill-profile document (as /profile/export.json)
    rubrics/<id>-<title>.yaml          each rubric, in the YAML of /rubrics/<id>/export.yaml
    benchmarks/<id>-<title>/benchmark.json, items.csv, items.jsonl
    test-plans/<id>-<title>.json
    work-samples/<id>-<title>.json     with the path of its uploaded file, if any
    files/<original name>              every uploaded file, names made unique
    submissions/round-<n>/round.json   a round: its state, decision and frozen snapshot
    submissions/round-<n>/outcome.json the decided round's reviews, as the expert reads them
    submissions/round-<n>/credential.jwt an approved round's signed credential
    reviews-written.json               a reviewer's own reviews of other portfolios

Reading it costs the same number of queries however many artifacts, items, files and rounds
there are.
"""

import json
import logging
import re
import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO

from django.conf import settings
from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from onboarding.blind import blind_for, expert_label
from onboarding.checklist import approval_revoked
from onboarding.models import DeepeningPlan, Review, Round
from onboarding.queries.feedback import review_feedback
from onboarding.snapshots import freeze_portfolio
from onboarding.workflow import state_label
from portfolio.benchmark_items import HEADER, BenchmarkItemData, items_csv, items_jsonl
from portfolio.evidence import document_with_evidence, evidence_of
from portfolio.models import CredentialProof, StoredFile
from profiles.models import User
from profiles.permissions import is_reviewer, is_staff
from rubrics.documents import dump
from rubrics.models import Rubric
from rubrics.queries import rubric_document, with_scale

logger = logging.getLogger(__name__)

COPY_CHUNK = 256 * 1024
NAME_MAX = 120


@dataclass
class ExportSummary:
    """What went into the zip, for README.txt and for the person's confirmation."""

    profile: bool = False
    rubrics: int = 0
    benchmarks: int = 0
    test_plans: int = 0
    work_samples: int = 0
    files: int = 0
    rounds: int = 0
    reviews_written: int = 0
    missing_files: list[str] = field(default_factory=list)


def export_filename(user: User, now: datetime) -> str:
    who = slugify(user.get_full_name())[:40].strip("-") or "account"
    return f"expertfolio-{who}-{now:%Y-%m-%d}.zip"


def _json(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder) + "\n"


def _entry_name(pk, title: str, fallback: str) -> str:
    return f"{pk}-{slugify(title)[:60].strip('-') or fallback}"


def safe_file_name(name: str) -> str:
    """An uploaded file's name as a plain file name: no folders, no control characters,
    nothing hidden, not too long (the extension is kept)."""
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    name = name.lstrip(".").strip() or "file"
    if len(name) > NAME_MAX:
        stem, dot, extension = name.rpartition(".")
        extension = extension[:16] if dot else ""
        stem = (stem if dot else name)[: NAME_MAX - len(extension) - 1].rstrip()
        name = f"{stem}.{extension}" if extension else stem
    return name


def unique_file_names(names: list[str]) -> list[str]:
    """Safe names, made unique without regard to case: notes.md, notes (2).md, …"""
    taken: set[str] = set()
    result = []
    for original in names:
        name = safe_file_name(original)
        stem, dot, extension = name.rpartition(".")
        if not dot or not stem:
            stem, dot, extension = name, "", ""
        number = 2
        while name.casefold() in taken:
            name = f"{stem} ({number}){dot}{extension}"
            number += 1
        taken.add(name.casefold())
        result.append(name)
    return result


class _Zip:
    def __init__(self, target: IO[bytes], root: str):
        self.zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED)
        self.root = root

    def text(self, path: str, content: str) -> None:
        self.zip.writestr(f"{self.root}/{path}", content.encode("utf-8"))

    def copy(self, path: str, source: IO[bytes]) -> None:
        with self.zip.open(f"{self.root}/{path}", "w") as destination:
            shutil.copyfileobj(source, destination, COPY_CHUNK)

    def close(self) -> None:
        self.zip.close()


def _rubrics(owner: User) -> list[Rubric]:
    # Every rubric the person owns, portfolio and review rubrics alike.
    return list(with_scale(Rubric.objects.filter(owner=owner)).order_by("pk"))


def _rounds(owner: User) -> list[Round]:
    submitted = Review.objects.filter(state=Review.State.SUBMITTED).prefetch_related(
        "scores", "flags"
    )
    return list(
        Round.objects.filter(submission__owner=owner)
        .select_related("issued_credential")
        .order_by("number")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=submitted.order_by("submitted_at", "claimed_at", "pk"),
                to_attr="submitted_reviews",
            )
        )
    )


def _round_record(round: Round) -> dict:
    # An approval staff revoked stays approved in the round's history, marked as revoked.
    revoked = approval_revoked(round)
    credential = round.issued_credential if revoked else None
    return {
        "round": round.number,
        "state": round.state,
        "state_label": state_label(round.state),
        "submitted_at": round.submitted_at,
        "decided_at": round.decided_at,
        "decision": round.decision,
        "decision_note": round.decision_note,
        "approval_revoked_at": credential.revoked_at if credential else None,
        "approval_revoked_reason": credential.revoke_reason if credential else "",
        "snapshot_sha256": round.snapshot_sha256,
        "snapshot": round.snapshot,
    }


def _feedback_record(feedback) -> dict:
    return {
        "reviewer": feedback.label,
        "decision": feedback.review.decision,
        "decision_label": feedback.decision_label,
        "comment": feedback.comment,
        "rubrics": [
            {
                "title": rubric.title,
                "score": rubric.score,
                "scale": list(rubric.scale),
                "criteria": list(rubric.criteria),
                "comment": rubric.comment,
                "disallowed_behaviours_seen": list(rubric.flags),
            }
            for rubric in feedback.rubrics
        ],
    }


def _round_outcome(round: Round) -> list[dict]:
    """As the expert reads it on the round page: every submitted review, unnamed."""
    if not round.is_decided:
        return []
    return [
        _feedback_record(review_feedback(review, round.instrument, f"Reviewer {number}"))
        for number, review in enumerate(round.submitted_reviews, start=1)
    ]


def _reviews_written(reviewer: User) -> list[dict]:
    reviews = (
        Review.objects.filter(reviewer=reviewer)
        .select_related("round")
        .prefetch_related("scores", "flags")
        .order_by("claimed_at", "pk")
    )
    records = []
    blind = blind_for(reviewer)
    for review in reviews:
        record = _feedback_record(review_feedback(review, review.round.instrument, "you"))
        del record["reviewer"]
        records.append(
            {
                "expert": expert_label(
                    review.round.expert_name, review.round.submission_id, blind=blind
                ),
                "round": review.round.number,
                "state": review.state,
                "claimed_at": review.claimed_at,
                "submitted_at": review.submitted_at,
                **record,
            }
        )
    return records


def _account_record(user: User, now: datetime) -> dict:
    plan = DeepeningPlan.objects.filter(owner=user).first()
    roles = ["expert"]
    if is_reviewer(user):
        roles.append("reviewer")
    if is_staff(user):
        roles.append("staff")
    return {
        "email": user.email,
        "name": user.name,
        "date_joined": user.date_joined,
        "roles": roles,
        "exported_at": now,
        "deepening_plan": (
            {"domain": plan.domain, "target_date": plan.target_date, "set_on": plan.set_on}
            if plan
            else None
        ),
    }


def _write_artifacts(archive: _Zip, summary: ExportSummary, artifacts: dict) -> None:
    for benchmark in artifacts["benchmarks"]:
        folder = f"benchmarks/{_entry_name(benchmark['id'], benchmark['title'], 'benchmark')}"
        items = [
            BenchmarkItemData(**{key: item[key] for key in HEADER}) for item in benchmark["items"]
        ]
        details = {key: value for key, value in benchmark.items() if key != "items"}
        archive.text(f"{folder}/benchmark.json", _json({**details, "item_count": len(items)}))
        archive.text(f"{folder}/items.csv", items_csv(items))
        archive.text(f"{folder}/items.jsonl", items_jsonl(items))
        summary.benchmarks += 1

    for plan in artifacts["test_plans"]:
        name = _entry_name(plan["id"], plan["title"], "test-plan")
        archive.text(f"test-plans/{name}.json", _json(plan))
        summary.test_plans += 1


def _write_work_samples(
    archive: _Zip, summary: ExportSummary, user: User, samples: list[dict]
) -> None:
    """Each sample's record, and its uploaded file under files/ (named once, without clashes)."""
    stored = list(StoredFile.objects.filter(owner=user).order_by("created", "pk"))
    paths = {
        str(stored_file.pk): f"files/{name}"
        for stored_file, name in zip(
            stored, unique_file_names([f.original_name for f in stored]), strict=True
        )
    }
    for sample in samples:
        name = _entry_name(sample["id"], sample["title"], "work-sample")
        file_entry = sample["file"]
        if file_entry is not None:
            file_entry = {**file_entry, "path": paths.get(file_entry["id"])}
        archive.text(f"work-samples/{name}.json", _json({**sample, "file": file_entry}))
        summary.work_samples += 1

    storage = storages["default"]
    for stored_file in stored:
        try:
            with storage.open(stored_file.storage_name, "rb") as source:
                archive.copy(paths[str(stored_file.pk)], source)
        except FileNotFoundError:
            logger.error("Stored file %s has no bytes in the storage", stored_file.pk)
            summary.missing_files.append(stored_file.original_name)
        else:
            summary.files += 1


def _write_reviewing(archive: _Zip, summary: ExportSummary, user: User) -> None:
    """The person's rounds as an expert and the reviews they wrote as a reviewer."""
    for round in _rounds(user):
        folder = f"submissions/round-{round.number}"
        archive.text(f"{folder}/round.json", _json(_round_record(round)))
        outcome = _round_outcome(round)
        if outcome:
            archive.text(f"{folder}/outcome.json", _json(outcome))
        credential = getattr(round, "issued_credential", None)
        if credential is not None:
            archive.text(f"{folder}/credential.jwt", credential.token)
        summary.rounds += 1

    written = _reviews_written(user)
    if written:
        archive.text("reviews-written.json", _json(written))
        summary.reviews_written = len(written)


def _proofs_record(user: User) -> list[dict]:
    """The proofs of the person's credentials and where staff left them (files are in files/)."""
    proofs = CredentialProof.objects.filter(owner=user).select_related("file")
    return [
        {
            "credential": proof.credential,
            "state": proof.state,
            "link": proof.link,
            "file": {"name": proof.file.original_name, "sha256": proof.file.sha256}
            if proof.file
            else None,
            "attached_at": proof.attached_at.isoformat(),
            "decided_at": proof.decided_at.isoformat() if proof.decided_at else None,
            "note": proof.note,
        }
        for proof in proofs.order_by("attached_at", "pk")
    ]


def write_data_export(user: User, target: IO[bytes], *, now: datetime | None = None):
    """Write the person's zip into `target` (an open binary file) and say what is in it."""
    now = now or timezone.now()
    root = export_filename(user, now).removesuffix(".zip")
    archive = _Zip(target, root)
    summary = ExportSummary()
    frozen = freeze_portfolio(user)

    archive.text("account.json", _json(_account_record(user, now)))
    if frozen.profile is not None:
        summary.profile = True
        document = document_with_evidence(frozen.profile, evidence_of(user))
        archive.text("profile/skill-profile.json", _json(document))
    proofs = _proofs_record(user)
    if proofs:
        archive.text("profile/credential-proofs.json", _json(proofs))

    for rubric in _rubrics(user):
        name = _entry_name(rubric.pk, rubric.display_title, "rubric")
        archive.text(f"rubrics/{name}.yaml", dump(rubric_document(rubric)))
        summary.rubrics += 1

    _write_artifacts(archive, summary, frozen.artifacts)
    _write_work_samples(archive, summary, user, frozen.artifacts["work_samples"])
    _write_reviewing(archive, summary, user)

    readme = render_to_string(
        "account/export_readme.txt",
        {
            "user": user,
            "now": now,
            "summary": summary,
            "root": root,
            "verify_url": settings.SITE_URL + reverse("credential_verify_paste"),
        },
    )
    archive.text("README.txt", readme)
    archive.close()
    return summary


def data_export_file(user: User) -> tuple[IO[bytes], str]:
    """The zip in a temporary file, rewound, and the name to download it under. The file is
    removed when closed (the download response closes it)."""
    now = timezone.now()
    target = tempfile.TemporaryFile()  # noqa: SIM115 -- handed to the response, which closes it
    try:
        write_data_export(user, target, now=now)
    except BaseException:
        target.close()
        raise
    target.seek(0)
    return target, export_filename(user, now)
