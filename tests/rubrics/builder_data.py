"""The POST data the builder page sends, written the way a browser would send it."""

SEED_LEVELS = [
    ("5", ["Correct final answer", "Clear explanation"]),
    ("3", ["Partially correct"]),
    ("1", ["Incorrect claim"]),
]


def builder_data(
    *,
    action: str = "save",
    title: str = "Reasoning",
    objective: str = "Assess reasoning",
    pass_score: str = "",
    sources: str = "",
    levels=None,
    disallowed=("Fabricated citations",),
    kind: str | None = None,
    version: str = "1",
) -> dict[str, str]:
    levels = SEED_LEVELS if levels is None else levels
    data = {
        "action": action,
        "version": version,  # what a freshly opened builder carries
        "title": title,
        "objective": objective,
        "pass_score": pass_score,
        "sources": sources,
        "level-count": str(len(levels)),
        "disallow-count": str(len(disallowed)),
    }
    if kind is not None:
        data["kind"] = kind
    for i, (score, criteria) in enumerate(levels):
        data[f"level-{i}-score"] = score
        data[f"level-{i}-criterion-count"] = str(len(criteria))
        for j, text in enumerate(criteria):
            data[f"level-{i}-criterion-{j}"] = text
    for k, text in enumerate(disallowed):
        data[f"disallow-{k}"] = text
    return data
