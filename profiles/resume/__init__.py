"""JSON Resume (resume.json, schema 1.0.0) in and out.

A résumé starts a skill profile (`resume_import`), and a profile exports as a résumé
(`resume_from_document`) so experts can use JSON Resume's themes. Nothing here touches the
database: the import page previews what `resume_import` returns and saves its document through
portfolio.services.profile_replace_from_document once the person confirms.

In: what maps where
    basics.label                    → headline (without one, the first line of basics.summary)
    basics.summary                  → bio
    basics.timezone, or basics.location.timezone (not in the JSON Resume schema, but some
                                      tools add it) → availability.timezone
    skills[].name                   → domains
    skills[].level                  → domain_depth: Beginner, Novice, Basic or Familiar 1;
                                      Intermediate or Working 2; Advanced, Proficient or
                                      Experienced 3; Expert 4; Master or Authority 5; also
                                      "1" to "5" and "4/5". Another level gives no depth.
    skills[].keywords               → tools; a skill named "Strengths" or "Tools" without a
                                      level gives its keywords to strengths or tools instead
                                      (that is how the export writes them)
    certificates[].name (+ issuer)  → credentials, as "name (issuer)"
    projects[] with a url           → work_samples: name → title, url → link, and type → type
                                      when it is one of ours ("test plan" → test_plan)
Everything else — work, education, contact details, location, languages, dates, ... — is
left out, and each is listed with the reason. A value too long for its field is shortened at
a word, ending in "…"; entries past a list's limit, repeated entries and values the skill-profile
validator refuses (a web address without a valid host, an unknown time zone) are left out with
the reason. So the document either passes document_errors() or is None, with `problems`
saying why: a profile needs a headline and at least one domain.

Out: basics (name, label = headline, email, summary = bio); skills (each domain, with its
depth as a level, then "Strengths" and "Tools" with their entries as keywords); certificates
(credentials); projects (work samples: name, url, type); meta (version: the schema's,
"v1.0.0"; lastModified when given).
Availability, declined topics, the hourly rate and visibility have no place in a résumé and
stay in the skill-profile export. Web addresses are written in their ASCII form (an
internationalised host in punycode, other characters percent-encoded), as the résumé schema's
"uri" format asks.
"""

from profiles.resume.draft import LeftOut, MappedValue, ResumeImport
from profiles.resume.levels import (
    RESUME_SCHEMA_URL,
    depth_of_level,
    is_json_resume,
    level_of_depth,
)
from profiles.resume.reading import resume_import
from profiles.resume.writing import resume_from_document, resume_link

__all__ = [
    "RESUME_SCHEMA_URL",
    "LeftOut",
    "MappedValue",
    "ResumeImport",
    "depth_of_level",
    "is_json_resume",
    "level_of_depth",
    "resume_from_document",
    "resume_import",
    "resume_link",
]
