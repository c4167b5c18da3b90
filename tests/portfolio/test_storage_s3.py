"""Uploads in an S3-compatible store are a configuration change (STORAGES), shown against a
mocked S3 service: the same upload and download paths, and nothing on the local disk."""

import subprocess
import sys

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from moto import mock_aws

from portfolio.models import StoredFile, WorkSample
from tests.servers import ROOT

pytestmark = pytest.mark.django_db

BUCKET = "expertfolio-test-uploads"
NOTES = b"# Evaluation notes\n\nThe model cited a paragraph that does not exist.\n"


@pytest.fixture
def s3_storage(settings, monkeypatch):
    # The outside world (S3) is mocked; our code and django-storages run for real.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "location": "uploads",
                    "default_acl": "private",
                    "file_overwrite": False,
                },
            },
        }
        yield boto3.client("s3", region_name="us-east-1")


def test_upload_and_download_go_through_s3(client, alice, s3_storage, settings):
    client.force_login(alice)
    upload = SimpleUploadedFile("notes.md", NOTES)
    response = client.post(
        "/portfolio/samples/new/",
        {"title": "Notes", "sample_type": "memo", "source": "file", "file": upload},
    )
    assert response.status_code == 302
    stored = StoredFile.objects.get()
    assert WorkSample.objects.get().file == stored

    keys = [o["Key"] for o in s3_storage.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"uploads/{stored.storage_name}"]
    body = s3_storage.get_object(Bucket=BUCKET, Key=keys[0])["Body"].read()
    assert body == NOTES
    assert not settings.PRIVATE_UPLOAD_ROOT.exists() or not any(
        settings.PRIVATE_UPLOAD_ROOT.rglob("*")
    )

    download = client.get(f"/files/{stored.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == NOTES
    assert download["Content-Disposition"].startswith("attachment")


def test_s3_setting_switch_builds_an_s3_storage():
    script = (
        "from django.core.files.storage import storages;"
        "s = storages['default'];"
        "print(type(s).__name__, s.bucket_name, s.location, s.default_acl)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "EXPERTFOLIO_STORAGE": "s3",
            "EXPERTFOLIO_S3_BUCKET": "portfolio-files",
            "EXPERTFOLIO_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["S3Storage", "portfolio-files", "uploads", "private"]
