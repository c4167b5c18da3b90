"""The published schema in another validator: Ajv (draft 2020-12, strict mode) compiles it
unchanged and gives the server's verdict on the example and test documents, except where the
server checks what the schema's description says a schema cannot."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from profiles.demo import DEMO_EXTENSIONS
from profiles.schema import SCHEMA_PATH, document_errors, seed_document
from tests.profiles.test_schema import FULL, INVALID, with_

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("ajv_verdicts.mjs")

# Refused by the server for what the schema's description lists as beyond a schema.
SERVER_ONLY = {
    "domains[1]: whatever its capitalisation",
    "domain_depth.law: not in domains",
    'domain_depth.Finance: did you mean "finance"',
    "tools[1]: whatever its capitalisation",
    "availability.timezone: not a time zone",
    "availability.timezone: IANA name",
    "hourly_rate.amount: two decimal",
    "work_samples[0].link: not a valid web address",
    "headline: unpaired surrogate",
}


def ajv_verdicts(schema: dict, documents: list) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "ajv").is_dir():
        reason = "Node.js and `npm ci` (Ajv) are needed for this test"
        if os.environ.get("EXPERTFOLIO_CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    schema_file = ROOT / "var" / "ajv-schema.json"
    schema_file.parent.mkdir(exist_ok=True)
    schema_file.write_text(json.dumps(schema))
    done = subprocess.run(
        [node, str(SCRIPT), str(schema_file)],
        input=json.dumps(documents),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # Strict mode logs what it merely dislikes: the schema is clean of that too.
    assert done.stderr == ""
    return json.loads(done.stdout)


def served_schema(client) -> dict:
    return json.loads(client.get("/schema/skill-profile.json").content)


VALID = [
    seed_document(),
    {**seed_document(), **DEMO_EXTENSIONS},
    FULL,
    {"headline": "Minimal", "domains": ["one"]},
    with_(work_samples=[], strengths=[], credentials=[], tools=[], topics_declined=[]),
    with_(domain_depth={}),
    with_(availability={"timezone": "UTC+05:30"}),
    with_(work_samples=[{"title": "IDN", "link": "https://例え.jp/パス"}]),
]


def test_ajv_compiles_the_published_schema_unchanged_and_agrees_on_valid_documents(client):
    assert all(document_errors(document) == [] for document in VALID)
    verdicts = ajv_verdicts(served_schema(client), VALID)
    assert [v["valid"] for v in verdicts] == [True] * len(VALID), verdicts


def test_ajv_refuses_what_the_server_refuses_but_for_what_only_the_server_can_check(client):
    documents = [document for document, _path, _words in INVALID]
    verdicts = ajv_verdicts(json.loads(SCHEMA_PATH.read_text()), documents)
    differing = set()
    for (document, path, words), verdict in zip(INVALID, verdicts, strict=True):
        assert document_errors(document) != []
        if verdict["valid"]:
            differing.add(f"{path}: {words}")
    assert differing == SERVER_ONLY
