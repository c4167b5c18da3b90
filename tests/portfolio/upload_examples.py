"""Small, real examples of every allowed kind of file, and ways to look at what got stored."""

import json
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from portfolio import services

PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
JPEG_HEAD = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NOTEBOOK = json.dumps(
    {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Pilot"]}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
).encode()

# One good file per allowed extension.
GOOD_FILES: dict[str, bytes] = {
    "report.pdf": PDF,
    "notes.md": "# Findings\n\nThe model *refuses* 9 of 10 attacks — see below.\n".encode(),
    "notes.txt": "Plain notes, in UTF-8: café, naïve, 東京.\n".encode(),
    "items.csv": b'prompt,reference,difficulty\n"What is 2+2?",4,easy\n"Cite IFRS 16",lease,hard\n',
    "items.json": b'{"items": [{"prompt": "2+2", "answer": 4}]}',
    "items.jsonl": b'{"prompt": "2+2", "answer": 4}\n{"prompt": "3+3", "answer": 6}\n',
    "rubric.yaml": b"objective: Judge reasoning\nscale:\n  - score: 1\n    criteria: [vague]\n",
    "rubric.yml": b"- one\n- two\n",
    "analysis.ipynb": NOTEBOOK,
    "chart.png": PNG_1X1,
    "photo.jpg": JPEG_HEAD,
    "photo.jpeg": JPEG_HEAD,
}


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    """A file as a browser would send it (the content type it claims is never trusted)."""
    return SimpleUploadedFile(name, content, content_type=content_type)


class RawUpload:
    """An upload whose name is exactly what was sent, not tidied by Django first."""

    def __init__(self, name, content):
        self.name = name
        self._content = content
        self._position = 0

    def seek(self, position):
        self._position = position

    def read(self):
        return self._content[self._position :]

    def chunks(self, chunk_size=256):
        for start in range(0, len(self._content), chunk_size):
            yield self._content[start : start + chunk_size]


def stored_file(owner, name: str = "notes.md", content: bytes | None = None):
    content = GOOD_FILES.get(name, b"# Notes\n") if content is None else content
    return services.stored_file_create(actor=owner, upload=upload(name, content))


def files_on_disk() -> list[Path]:
    """Every file under the private upload root (each test has its own)."""
    root = Path(settings.PRIVATE_UPLOAD_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []
