"""profiles.resume: a JSON Resume starts a skill profile, and a profile exports as one."""

import json
from dataclasses import asdict
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, assume, event, given, settings

from profiles.resume import (
    RESUME_SCHEMA_URL,
    LeftOut,
    MappedValue,
    depth_of_level,
    is_json_resume,
    resume_from_document,
    resume_import,
    resume_link,
)
from profiles.schema import document_errors, seed_document
from tests.profiles.json_resume import json_resumes, official_examples, resume_schema_errors
from tests.profiles.strategies import skill_profile_documents
from tests.profiles.test_schema import FULL

pytestmark = pytest.mark.django_db

RESUME = {
    "$schema": RESUME_SCHEMA_URL,
    "basics": {
        "name": "Dana Okafor",
        "label": "Clinical reasoning evaluator",
        "email": "dana@example.org",
        "image": "",
        "summary": "Emergency physician who grades model answers.\nTen years of triage.",
        "location": {"city": "Lagos", "countryCode": "NG", "timezone": "Africa/Lagos"},
        "profiles": [{"network": "GitHub", "url": "https://github.com/dana"}],
    },
    "work": [{"name": "Teaching Hospital", "position": "Consultant"}],
    "skills": [
        {"name": "Emergency medicine", "level": "Master", "keywords": ["Triage", "ACLS"]},
        {"name": "Medical statistics", "level": "intermediate"},
        {"name": "Pharmacology", "level": "Guru"},
        {"name": "Strengths", "keywords": ["Rubric design", "Adversarial prompts"]},
    ],
    "certificates": [
        {"name": "MD", "issuer": "University of Lagos", "date": "2012-07"},
        {"name": "ACLS Provider", "issuer": "ACLS"},
    ],
    "projects": [
        {
            "name": "Triage benchmark",
            "url": "https://example.org/triage",
            "type": "Benchmark",
            "description": "Forty cases with reference answers.",
        },
        {"name": "Talk on sepsis", "type": "talk"},
    ],
    "meta": {"version": "v1.0.0"},
}
PROFILE = {
    "headline": "Clinical reasoning evaluator",
    "bio": "Emergency physician who grades model answers.\nTen years of triage.",
    "domains": ["Emergency medicine", "Medical statistics", "Pharmacology"],
    "domain_depth": {"Emergency medicine": 5, "Medical statistics": 2},
    "strengths": ["Rubric design", "Adversarial prompts"],
    "credentials": ["MD (University of Lagos)", "ACLS Provider"],
    "tools": ["Triage", "ACLS"],
    "availability": {"timezone": "Africa/Lagos"},
    "work_samples": [
        {"title": "Triage benchmark", "type": "benchmark", "link": "https://example.org/triage"}
    ],
}
# What both formats hold; availability, declined topics, rate and visibility have no place
# in a résumé.
SHARED = {
    "headline",
    "bio",
    "domains",
    "domain_depth",
    "strengths",
    "credentials",
    "tools",
    "work_samples",
}


def shared(document: dict) -> dict:
    return {key: value for key, value in document.items() if key in SHARED}


def left_out_sources(result) -> list[str]:
    return [row.source for row in result.left_out]


def reasons(result) -> dict[str, str]:
    return {row.source: row.reason for row in result.left_out}


def with_basics(**fields) -> dict:
    return {"basics": {"label": "Evaluator", **fields}, "skills": [{"name": "law"}]}


# --- Telling the two apart ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "resume"),
    [
        (RESUME, True),
        ({"basics": {"name": "A"}}, True),
        ({"skills": []}, True),
        ({"$schema": "https://jsonresume.org/schema/1.0.0"}, True),
        ({"$schema": RESUME_SCHEMA_URL, "headline": "x", "domains": ["y"]}, True),
        (seed_document(), False),
        ({"headline": "x", "basics": {}}, False),  # a skill profile with a field too many
        ({"domains": ["x"], "skills": []}, False),
        ({}, False),
        ({"mood": "great"}, False),
        ([], False),
        ("basics", False),
    ],
)
def test_is_json_resume(document, resume):
    assert is_json_resume(document) is resume


@pytest.mark.parametrize(
    ("level", "depth"),
    [
        ("Beginner", 1),
        ("novice", 1),
        ("Familiar", 1),
        ("Intermediate", 2),
        ("Working", 2),
        ("Advanced", 3),
        (" proficient ", 3),
        ("Expert", 4),
        ("Master", 5),
        ("AUTHORITY", 5),
        ("4", 4),
        ("4/5", 4),
        ("3 out of 5", 3),
        ("Guru", None),
        ("6", None),
        ("4/10", None),
        ("", None),
    ],
)
def test_depth_of_level(level, depth):
    assert depth_of_level(level) == depth


# --- In -----------------------------------------------------------------------------------------


def test_resume_import_maps_basics_skills_certificates_and_projects():
    result = resume_import(RESUME)
    assert result.problems == ()
    assert result.document == PROFILE
    assert document_errors(result.document) == []


def test_resume_import_says_what_maps_where():
    mapped = resume_import(RESUME).mapped
    assert mapped[:4] == (
        MappedValue("basics.label", "headline", "Clinical reasoning evaluator"),
        MappedValue("basics.summary", "bio", PROFILE["bio"]),
        MappedValue("skills[0].name", "domains[0]", "Emergency medicine"),
        MappedValue(
            "skills[0].level",
            'domain_depth["Emergency medicine"]',
            "5 (authority)",
            'from "Master"',
        ),
    )
    assert MappedValue("skills[3].keywords[0]", "strengths[0]", "Rubric design") in mapped
    assert MappedValue("skills[0].keywords[1]", "tools[1]", "ACLS") in mapped
    assert (
        MappedValue("certificates[0] (name, issuer)", "credentials[0]", "MD (University of Lagos)")
        in mapped
    )
    assert (
        MappedValue("basics.location.timezone", "availability.timezone", "Africa/Lagos") in mapped
    )
    assert mapped[-1] == MappedValue(
        "projects[0] (name, url, type)",
        "work_samples[0]",
        "Triage benchmark (benchmark) — https://example.org/triage",
    )
    # Every value saved is in the table, each once.
    assert len(mapped) == 1 + 1 + 3 + 2 + 2 + 2 + 2 + 1 + 1


def test_resume_import_lists_what_is_left_out_and_why():
    result = resume_import(RESUME)
    assert left_out_sources(result) == [
        "basics.name",
        "basics.email",
        "basics.location",
        "basics.profiles",
        "skills[2].level",
        "certificates[].date",
        "projects[1]",
        "projects[].description",
        '["$schema"]',
        "work",
        "meta",
    ]
    assert result.left_out[0] == LeftOut(
        "basics.name", "Dana Okafor", "your name comes from your account"
    )
    by_source = {row.source: row for row in result.left_out}
    assert by_source["basics.location"].what == "2 fields"  # city and country; not the zone
    assert by_source["skills[2].level"].reason.startswith("not a level we know")
    assert by_source["projects[1]"].reason == "has no url, and a work sample is a link"
    assert by_source["projects[].description"].what == "in 1 of 2 entries"
    assert by_source["work"].what == "1 entry"


def test_resume_import_headline_from_the_summary_when_there_is_no_label():
    result = resume_import(
        {"basics": {"summary": "  Tax lawyer.\nI review answers."}, "skills": [{"name": "tax"}]}
    )
    assert result.document["headline"] == "Tax lawyer."
    assert result.document["bio"] == "  Tax lawyer.\nI review answers."
    assert result.mapped[0].source == "basics.summary (its first line)"


def test_resume_import_shortens_long_text_at_a_word_and_says_so():
    label = "Evaluator " * 20
    summary = "word " * 500
    result = resume_import(
        {"basics": {"label": label, "summary": summary}, "skills": [{"name": "x" * 70}]}
    )
    document = result.document
    assert len(document["headline"]) <= 160 and document["headline"].endswith("Evaluator…")
    assert len(document["bio"]) <= 2000 and document["bio"].endswith("word…")
    assert document["domains"] == ["x" * 59 + "…"]
    notes = [row.note for row in result.mapped]
    assert "shortened to 160 characters (it had 199)" in notes
    assert "shortened to 2000 characters (it had 2500)" in notes
    assert document_errors(document) == []


def test_resume_import_keeps_lists_within_their_limits():
    skills = [{"name": f"domain {i}", "keywords": [f"tool {i}", f"kit {i}"]} for i in range(25)]
    result = resume_import({"basics": {"label": "Evaluator"}, "skills": skills})
    assert result.document["domains"] == [f"domain {i}" for i in range(20)]
    assert len(result.document["tools"]) == 30
    assert result.left_out == (
        LeftOut(
            "skills[15].keywords[0] and 19 more",
            "20 entries",
            "a skill profile lists at most 30 tools",
        ),
        LeftOut(
            "skills[20].name and 4 more", "5 entries", "a skill profile lists at most 20 domains"
        ),
    )
    assert document_errors(result.document) == []


def test_resume_import_counts_what_it_leaves_out_past_a_few_hundred_rows():
    skills = [{"name": "law", "keywords": ["SQL"] * 1000}]
    result = resume_import({"basics": {"label": "Evaluator"}, "skills": skills})
    assert result.document["tools"] == ["SQL"]
    assert len(result.left_out) == 201
    assert result.left_out[-1] == LeftOut("…", "799 more", "not listed one by one")


def test_resume_import_lists_each_entry_once_whatever_its_capitalisation():
    result = resume_import(
        {
            "basics": {"label": "Evaluator"},
            "skills": [
                {"name": "Law", "keywords": ["Python"]},
                {"name": "LAW", "level": "Expert", "keywords": ["python", "SQL"]},
            ],
            "certificates": [{"name": "JD"}, {"name": "jd"}],
        }
    )
    assert result.document == {
        "headline": "Evaluator",
        "domains": ["Law"],
        "credentials": ["JD"],
        "tools": ["Python", "SQL"],
    }
    why = reasons(result)
    assert why["skills[1].name"] == "repeats skills[0].name"
    assert why["skills[1].keywords[0]"] == "repeats skills[0].keywords[0]"
    assert why["certificates[1].name"] == "repeats certificates[0].name"


def test_resume_import_cleans_text_into_what_the_validator_takes():
    result = resume_import(
        {
            "basics": {"label": " Evaluator\nof\tlaw\ud800 ", "summary": "One\n\ttwo\x0bthree\x00"},
            "skills": [{"name": "tax\x07law"}, {"name": "\x1b"}],
        }
    )
    assert result.document == {
        "headline": "Evaluator of law",
        "bio": "One\n\ttwo three ",
        "domains": ["tax law"],
    }


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/a", "is not a web address starting with http:// or https://"),
        ("https://exa mple.org", "is not a web address starting with http:// or https://"),
        ("https://" + "a" * 500 + ".org", "is longer than 500 characters"),
        ("https://-bad-.example/", 'is not a valid web address ("https://-bad-.example/")'),
    ],
)
def test_resume_import_leaves_out_projects_without_a_usable_web_address(url, reason):
    resume = with_basics()
    resume["projects"] = [{"name": "Report", "url": url}, {"name": "Kept", "url": "HTTPS://a.org"}]
    result = resume_import(resume)
    assert result.document["work_samples"] == [{"title": "Kept", "link": "https://a.org"}]
    assert reason in reasons(result).values()


def test_resume_import_time_zone_only_when_it_is_one():
    assert resume_import(with_basics(timezone="UTC+05:30")).document["availability"] == {
        "timezone": "UTC+05:30"
    }
    result = resume_import(with_basics(timezone="Mars/Olympus"))
    assert "availability" not in result.document
    assert "is not a time zone" in reasons(result)["basics.timezone"]


@pytest.mark.parametrize(
    ("resume", "paths"),
    [
        ({"basics": {"name": "Dana"}, "skills": [{"name": "law"}]}, ["basics.label"]),
        ({"basics": {"label": "Evaluator"}}, ["skills"]),
        ({"basics": {"label": "Evaluator"}, "skills": [{"level": "Expert"}]}, ["skills"]),
        ({"meta": {}}, ["basics.label", "skills"]),
        ({"basics": {"label": "\x00 \n"}, "skills": [{"name": " "}]}, ["basics.label", "skills"]),
    ],
)
def test_resume_import_without_a_headline_or_a_domain_says_why(resume, paths):
    result = resume_import(resume)
    assert result.document is None
    assert result.document_text == ""
    assert [problem.path for problem in result.problems] == paths


@pytest.mark.parametrize(
    "resume",
    [
        {"basics": [], "skills": "law"},
        {"basics": {"label": 42, "summary": ["x"], "location": "Paris"}, "skills": [None, 3]},
        {"basics": {"label": "E"}, "skills": [{"name": ["x"], "level": 4, "keywords": "a"}]},
        {"basics": {"label": "E"}, "skills": [{"name": "x", "keywords": [1, None, {}, "ok"]}]},
        {"basics": {"label": "E", "\ud800": "x"}, "skills": [{"name": "\ud800law"}]},
        {"basics": {"label": "E"}, "skills": [{"name": "x"}], "projects": [{"url": 5}, "p"]},
        {"basics": {"label": "E"}, "skills": [{"name": "x"}], "certificates": {"name": "JD"}},
    ],
)
def test_resume_import_of_odd_values_leaves_them_out_readably(resume):
    result = resume_import(resume)
    assert result.document is None or document_errors(result.document) == []
    assert result.problems or result.document
    # Everything the preview shows can be written to a page.
    json.dumps(asdict(result), ensure_ascii=False).encode("utf-8")


def test_resume_import_of_the_official_examples():
    for name, resume in official_examples():
        result = resume_import(resume)
        assert result.problems == (), name
        assert document_errors(result.document) == [], name
        assert result.document["headline"] == resume["basics"]["label"], name
        assert result.document["domains"] == [skill["name"] for skill in resume["skills"]], name


# --- Out ----------------------------------------------------------------------------------------


def test_resume_from_document_of_the_seed():
    resume = resume_from_document(
        seed_document(),
        name="Alice Expert",
        email="alice@example.com",
        last_modified=datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC),
    )
    assert resume == {
        "$schema": RESUME_SCHEMA_URL,
        "basics": {
            "name": "Alice Expert",
            "label": "Quant researcher with evaluation design experience",
            "email": "alice@example.com",
        },
        "skills": [
            {"name": "finance"},
            {"name": "statistics"},
            {"name": "risk"},
            {
                "name": "Strengths",
                "keywords": ["reasoning evaluation", "benchmarking", "prompt design"],
            },
            {"name": "Tools", "keywords": ["python", "numpy", "pandas"]},
        ],
        "certificates": [{"name": "MSc Statistics"}, {"name": "CFA Level II"}],
        "projects": [
            {
                "name": "Stress-testing LLM reasoning on risk scenarios",
                "url": "https://rex.zone",
                "type": "benchmark",
            }
        ],
        "meta": {"version": "v1.0.0", "lastModified": "2025-03-04T05:06:07"},
    }
    assert resume_schema_errors(resume) == []


def test_resume_from_document_levels_bio_and_types():
    resume = resume_from_document(FULL)
    assert resume_schema_errors(resume) == []
    assert "name" not in resume["basics"] and "email" not in resume["basics"]
    assert resume["basics"]["summary"] == FULL["bio"]
    levels = {skill["name"]: skill.get("level") for skill in resume["skills"]}
    for domain in FULL["domains"]:
        depth = FULL["domain_depth"].get(domain)
        assert levels[domain] == (depth_label(depth) if depth else None)
    types = [project.get("type") for project in resume["projects"]]
    assert types == [
        sample["type"].replace("_", " ") if "type" in sample else None
        for sample in FULL["work_samples"]
    ]


def depth_label(depth: int) -> str:
    return {1: "Familiar", 2: "Working", 3: "Proficient", 4: "Expert", 5: "Authority"}[depth]


@pytest.mark.parametrize(
    ("link", "uri"),
    [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("https://例え.jp/パス", "https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9"),
        ("https://user@bücher.de:8080/x", "https://user@xn--bcher-kva.de:8080/x"),
        ("https://example.org/100%", "https://example.org/100%25"),
        ("https://example.org/%41", "https://example.org/%41"),
        ("https://example.org/a<b>", "https://example.org/a%3Cb%3E"),
    ],
)
def test_resume_link_is_a_uri(link, uri):
    assert resume_link(link) == uri


# --- Both ways ----------------------------------------------------------------------------------


def test_resume_round_trip_keeps_the_shared_fields():
    document = {
        **FULL,
        "domains": [*FULL["domains"][:19], "Tools"],  # named like the tools entry
    }
    assert document_errors(document) == []
    back = resume_import(resume_from_document(document, name="A", email="a@example.com"))
    assert back.document == shared(document)


def test_resume_round_trip_of_the_seed():
    back = resume_import(resume_from_document(seed_document()))
    assert back.document == shared(seed_document())


ROUND_TRIPS = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIPS
@given(document=skill_profile_documents())
def test_every_skill_profile_exports_to_a_valid_resume_and_back(document):
    assume(document_errors(document) == [])
    resume = resume_from_document(document, name="Alice Expert", email="alice@example.com")
    assert resume_schema_errors(resume) == []
    assert resume_import(resume).document == shared(document)


@ROUND_TRIPS
@given(resume=json_resumes())
def test_any_resume_becomes_a_valid_profile_or_says_why(resume):
    result = resume_import(resume)
    event("refused" if result.document is None else "imported")
    if result.document is None:
        assert result.problems and all(problem.message for problem in result.problems)
    else:
        assert result.problems == ()
        assert document_errors(result.document) == []
        assert json.loads(result.document_text) == result.document
    json.dumps(asdict(result), ensure_ascii=False).encode("utf-8")
