"""What a page says in a field's feedback: the invalid-feedback block tied to the field's input,
as a browser and a screen reader find it next to the field."""

import re
from html import unescape


def field_feedback(html: str, field: str = "file") -> list[str]:
    """The messages in the field's feedback, each as shown; [] when it has none."""
    input_tag = re.search(rf'<input[^>]*\bid="id_{field}"[^>]*>', html)
    assert input_tag, f"no input for {field}"
    block = re.search(
        rf'<div id="id_{field}_error" class="invalid-feedback">(.*?)</div>', html, re.DOTALL
    )
    if block is None:
        return []
    # The input points at its feedback, so assistive technology reads it with the field.
    assert f"id_{field}_error" in input_tag.group(0)
    assert "is-invalid" in input_tag.group(0)
    return [unescape(message) for message in re.findall(r"<strong>(.*?)</strong>", block[1])]
