"""A skill profile as a JSON Resume document, for JSON Resume's themes."""

from contextlib import suppress
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from django.utils.encoding import iri_to_uri

from profiles.resume.levels import (
    _LONE_PERCENT,
    RESUME_SCHEMA_URL,
    RESUME_SCHEMA_VERSION,
    SKILL_GROUPS,
    level_of_depth,
)


def resume_link(link: str) -> str:
    """A web address as a URI: an internationalised host in punycode, other characters that
    a URI may not hold percent-encoded."""
    parts = urlsplit(link)
    netloc = parts.netloc
    if not netloc.isascii():
        userinfo, at, host_port = netloc.rpartition("@")
        host, colon, port = host_port.partition(":")
        # A host the idna codec refuses is percent-encoded by iri_to_uri below instead.
        with suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
        netloc = f"{userinfo}{at}{host}{colon}{port}"
        link = urlunsplit(parts._replace(netloc=netloc))
    return _LONE_PERCENT.sub("%25", iri_to_uri(link))


def resume_from_document(
    document: dict,
    *,
    name: str = "",
    email: str = "",
    last_modified: datetime | None = None,
) -> dict:
    """A skill-profile document as a JSON Resume document (see the module docstring)."""
    basics: dict = {}
    if name:
        basics["name"] = name
    basics["label"] = document["headline"]
    if email:
        basics["email"] = email
    if document.get("bio"):
        basics["summary"] = document["bio"]
    depths = document.get("domain_depth", {})
    skills = []
    for domain in document["domains"]:
        skill = {"name": domain}
        if domain in depths:
            skill["level"] = level_of_depth(depths[domain])
        skills.append(skill)
    for key, group in SKILL_GROUPS.items():
        if document.get(key):
            skills.append({"name": group, "keywords": list(document[key])})
    resume: dict = {"$schema": RESUME_SCHEMA_URL, "basics": basics, "skills": skills}
    if document.get("credentials"):
        resume["certificates"] = [{"name": text} for text in document["credentials"]]
    projects = []
    for sample in document.get("work_samples", []):
        project = {"name": sample["title"], "url": resume_link(sample["link"])}
        if sample.get("type"):
            project["type"] = sample["type"].replace("_", " ")
        projects.append(project)
    if projects:
        resume["projects"] = projects
    meta = {"version": RESUME_SCHEMA_VERSION}
    if last_modified is not None:
        meta["lastModified"] = last_modified.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    resume["meta"] = meta
    return resume
