import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.text import over_limit
from portfolio import services
from profiles.models import User
from profiles.resume import ResumeImport, is_json_resume, resume_import
from profiles.validators import (
    MAX_DOCUMENT_BYTES,
    DocumentInvalid,
    parse_profile_document,
    validate_profile_document,
)


def _one_line(text: str, limit: int = 72) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Command(BaseCommand):
    help = (
        "Replace a user's skill profile with a skill-profile JSON document or a JSON Resume "
        "(resume.json), which is mapped to a skill profile first; what maps where and what is "
        "left out is printed. An invalid document changes nothing: its errors go to stderr and "
        "the exit status is 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the JSON document, or - for standard input")
        parser.add_argument("--user", required=True, metavar="EMAIL", help="whose profile")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the document (and show what a JSON Resume maps to) without saving",
        )

    def handle(self, *args, file: str, user: str, dry_run: bool = False, **options):
        try:
            owner = User.objects.get(email=User.objects.normalize_email(user))
        except User.DoesNotExist as exc:
            raise CommandError(f"No account uses the email address {user!r}.") from exc
        try:
            if file == "-":
                raw = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
                size = None  # only as much as the limit and one byte is read
            else:
                with Path(file).open("rb") as handle:
                    size = os.fstat(handle.fileno()).st_size
                    raw = handle.read(MAX_DOCUMENT_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from exc
        if len(raw) > MAX_DOCUMENT_BYTES:
            what = (
                over_limit(size, MAX_DOCUMENT_BYTES)
                if size
                else f"more than the limit of {MAX_DOCUMENT_BYTES:,} bytes"
            )
            raise CommandError(f"{file} was not imported: it is {what}.")
        try:
            document = parse_profile_document(raw)
            if is_json_resume(document):
                document = self._mapped(resume_import(document))
            if dry_run:
                validate_profile_document(document)
                self.stdout.write(f"{file} can be imported; nothing was saved (--dry-run).")
                return
            imported = services.profile_import(actor=None, user=owner, document=document)
        except DocumentInvalid as exc:
            for error in exc.document_errors:
                self.stderr.write(str(error))
            count = len(exc.document_errors)
            raise CommandError(
                f"{file} was not imported ({count} problem{'s' if count > 1 else ''}); "
                f"{owner.email}'s profile is unchanged."
            ) from exc
        for note in imported.notes:
            self.stderr.write(self.style.WARNING(note))
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {file} as {owner.email}'s profile (version {imported.profile.version})."
            )
        )

    def _mapped(self, resume: ResumeImport) -> dict:
        """Print what a JSON Resume maps to; its skill-profile document, or DocumentInvalid."""
        self.stdout.write("A JSON Resume. What goes where:")
        for row in resume.mapped:
            note = f" ({row.note})" if row.note else ""
            self.stdout.write(f"  {row.source} → {row.target}: {_one_line(row.value)}{note}")
        if resume.left_out:
            self.stdout.write("Left out:")
        for row in resume.left_out:
            self.stdout.write(f"  {row.source} ({_one_line(row.what)}): {row.reason}")
        if resume.document is None:
            raise DocumentInvalid(list(resume.problems))
        return resume.document
