"""Build the editor's POST data the way the browser sends it."""

LIST_KEYS = ("domains", "strengths", "credentials", "tools", "topics_declined", "work_samples")


def editor_data(*, version: int = 0, **sections) -> dict:
    """Basics are keyword strings; lists are lists of row dicts (or strings for text lists)."""
    data = {"version": str(version)}
    for key in LIST_KEYS:
        rows = sections.pop(key, [])
        data[f"{key}-TOTAL_FORMS"] = str(len(rows))
        data[f"{key}-INITIAL_FORMS"] = str(len(rows))
        for index, row in enumerate(rows):
            if isinstance(row, str):
                row = {"text": row}
            for name, value in row.items():
                data[f"{key}-{index}-{name}"] = "" if value is None else str(value)
    data.update({name: str(value) for name, value in sections.items()})
    return data
