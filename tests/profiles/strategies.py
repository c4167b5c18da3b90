"""Hypothesis strategies for valid skill-profile documents."""

import unicodedata

from hypothesis import strategies as st

from profiles.schema import IANA_TIME_ZONES, WORK_SAMPLE_TYPES

# Any printable text: no control characters, no unpaired surrogates.
_characters = st.characters(blacklist_categories=("Cc", "Cs"))


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _database_key(text: str) -> str:
    # PostgreSQL's lower() maps a dotted capital I to a plain i, where casefold() keeps
    # the dot; the service refuses such pairs with a message (tested in test_services).
    return text.lower().replace("i\u0307", "i")


def line(max_size: int):
    """One line without leading or trailing whitespace."""
    return st.text(_characters, min_size=1, max_size=max_size).map(str.strip).filter(bool)


def entries(max_length: int, max_items: int):
    """A list of distinct entries, compared the way the validator and database compare."""
    return st.lists(
        line(max_length), min_size=1, max_size=max_items, unique_by=(_key, _database_key)
    )


_web_address = st.from_regex(
    r"https?://[a-z]([a-z0-9-]{0,18}[a-z0-9])?\.(com|org|zone|io)(/[A-Za-z0-9_.~-]{0,30})?",
    fullmatch=True,
)
_amount = st.decimals(min_value="0.01", max_value="10000", places=2).map(
    lambda d: int(d) if d == d.to_integral_value() else float(d)
)
_timezone = st.one_of(
    st.sampled_from(sorted(IANA_TIME_ZONES)),
    st.from_regex(r"UTC[+-](0?[0-9]|1[0-4])(:[0-5][0-9])?", fullmatch=True),
)
_bio = st.text(st.one_of(_characters, st.sampled_from("\n\t")), min_size=1, max_size=2000).filter(
    lambda text: text.strip()
)
_work_sample = st.fixed_dictionaries(
    {"title": line(160), "link": _web_address},
    optional={"type": st.sampled_from(WORK_SAMPLE_TYPES)},
)


@st.composite
def skill_profile_documents(draw) -> dict:
    """Every valid shape of document: each optional field present or not."""
    domains = draw(entries(60, 20))
    document = draw(
        st.fixed_dictionaries(
            {"headline": line(160)},
            optional={
                "bio": _bio,
                "strengths": entries(100, 20),
                "credentials": entries(120, 20),
                "tools": entries(60, 30),
                "topics_declined": entries(100, 20),
                "availability": st.fixed_dictionaries(
                    {},
                    optional={
                        "hours_per_week": st.integers(1, 80),
                        "timezone": _timezone,
                    },
                ).filter(bool),
                "hourly_rate": st.fixed_dictionaries(
                    {"amount": _amount, "currency": st.from_regex(r"[A-Z]{3}", fullmatch=True)}
                ),
                "work_samples": st.lists(_work_sample, min_size=1, max_size=20),
                "visibility": st.sampled_from(["private", "public"]),
            },
        )
    )
    document["domains"] = domains
    with_depth = draw(st.lists(st.sampled_from(domains), unique=True))
    if with_depth:
        document["domain_depth"] = {name: draw(st.integers(1, 5)) for name in with_depth}
    return document
