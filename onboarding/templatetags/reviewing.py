from html import escape

from django import template
from django.template.defaultfilters import capfirst
from django.utils.safestring import mark_safe

from common.markdown import render_markdown, render_markdown_inline
from onboarding.blind import expert_label as label_of
from profiles.templatetags.icons import check_mark

register = template.Library()


@register.filter
def expert_label(round, blind: bool) -> str:
    """{{ round|expert_label:blind }}: the expert's name, or anonymous under blind review."""
    return label_of(round.expert_name, round.submission_id, blind=bool(blind))


# A frozen benchmark's items and an artifact's checklist are drawn dozens of times a page:
# one tag each writes their rows, escaping the stored text (plain strings from the snapshot's
# JSON) as autoescape would, where a template would resolve every value in a loop.
_ITEM_ROW = (
    '<tr>\n  <th scope="row">{}</th>\n  <td>{}{}</td>\n  <td>{}</td>\n  <td>{}</td>\n'
    "  <td>{}</td>\n  <td>{}</td>\n</tr>"
)
_ADVERSARIAL = ' <span class="badge text-bg-warning">adversarial</span>'


def _text(value) -> str:
    """What {{ value }} writes: text escaped, markup already safe as it is."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def _lines(value) -> str:
    """What {{ value|linebreaksbr }} writes."""
    text = _text(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n", "<br>")


@register.simple_tag
def frozen_item_rows(items, first: int = 1) -> str:
    """{% frozen_item_rows items first %} — a frozen benchmark's items as table rows, the
    first numbered `first`."""
    rows = "\n".join(
        _ITEM_ROW.format(
            number,
            _lines(item.get("prompt", "")),
            _ADVERSARIAL if item.get("adversarial") else "",
            _lines(item.get("reference_answer", "")),
            _lines(item.get("rationale", "")),
            _text(capfirst(str(item.get("difficulty", "")))),
            _text(item.get("source", "")),
        )
        for number, item in enumerate(items or (), start=int(first))
    )
    return mark_safe(rows)  # noqa: S308 - every stored value in it is escaped above


_SCALE_ROW = '<tr><th scope="row">{}</th><td><ul class="mb-0">{}</ul></td></tr>'


@register.simple_tag
def frozen_scale_rows(scale) -> str:
    """{% frozen_scale_rows rubric.scale %} — a frozen rubric's levels as table rows: the
    score, then its criteria rendered from Markdown."""
    rows = "\n".join(
        _SCALE_ROW.format(
            _text(level.get("score", "")),
            "".join(
                f"<li>{render_markdown_inline(criterion)}</li>"
                for criterion in level.get("criteria") or ()
            ),
        )
        for level in scale or ()
    )
    return mark_safe(rows)  # noqa: S308 - the score is escaped, the criteria sanitised


_CASE_ROW = (
    '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td><span class="badge case-severity '
    'severity-{}">{}</span></td></tr>'
)


@register.simple_tag
def frozen_case_rows(cases) -> str:
    """{% frozen_case_rows data.cases %} — a frozen test plan's cases as table rows, the
    attack and the expected behaviour rendered from Markdown."""
    rows = "\n".join(
        _CASE_ROW.format(
            number,
            render_markdown(case.get("attack", "")),
            render_markdown(case.get("expected_behaviour", "")),
            _text(case.get("severity", "")),
            _text(capfirst(str(case.get("severity", "")))),
        )
        for number, case in enumerate(cases or (), start=1)
    )
    return mark_safe(rows)  # noqa: S308 - the severity is escaped, the rest sanitised


_FEEDBACK_ROW = (
    '<tr>\n<th scope="row" class="fw-normal">{}</th>\n'
    "<td>\n{}\n{}\n</td>\n<td>\n{}\n{}\n</td>\n</tr>"
)
_NOT_SCORED = '<span class="text-body-secondary">not scored</span>'


def _given_score(rubric) -> str:
    if rubric.score is None:
        return _NOT_SCORED
    scale = ", ".join(_text(score) for score in rubric.scale)
    of = f' <span class="text-body-secondary">(of {scale})</span>' if scale else ""
    return f"<strong>{_text(rubric.score)}</strong>{of}"


@register.simple_tag
def feedback_rubric_rows(rubrics) -> str:
    """{% feedback_rubric_rows feedback.rubrics %} — a review's rubrics as table rows: the
    level given (of which), the chosen level's criteria, the comment and the flags."""
    rows = []
    for rubric in rubrics or ():
        criteria = "".join(
            f"<li>{render_markdown_inline(criterion)}</li>" for criterion in rubric.criteria
        )
        comment = _lines(rubric.comment)
        flags = "; ".join(_text(flag) for flag in rubric.flags)
        rows.append(
            _FEEDBACK_ROW.format(
                _text(rubric.title),
                _given_score(rubric),
                f'<ul class="small mb-0">{criteria}</ul>' if criteria else "",
                f'<div class="review-comment">{comment}</div>' if rubric.comment else "",
                '<p class="mb-0 small text-danger-emphasis"><strong>Disallowed behaviour seen:'
                f"</strong> {flags}</p>"
                if rubric.flags
                else "",
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - the text is escaped, the criteria sanitised


def _marked(tag: str, values) -> str:
    return ", ".join(f"<{tag}>{_text(value)}</{tag}>" for value in values)


def _segment(segment) -> str:
    text = _text(segment.text)
    if segment.op == "insert":
        return f'<ins><span class="visually-hidden">added: </span>{text}</ins>'
    if segment.op == "delete":
        return f'<del><span class="visually-hidden">removed: </span>{text}</del>'
    if segment.op == "skip":
        return f'<span class="snapshot-diff-skip">[… {text} …]</span>'
    return text


def _what_changed(change) -> str:
    """Every kind of change said in words; the underline and strike-through only repeat it."""
    old, new = _text(change.old_display), _text(change.new_display)
    if change.kind == "added":
        return f"added <ins>{new}</ins>"
    if change.kind == "removed":
        return f"removed <del>{old}</del>"
    if change.kind == "changed":
        return f"changed from <del>{old}</del> to <ins>{new}</ins>"
    if change.kind == "file_replaced":
        return f"file replaced (new content): was <del>{old}</del>, now <ins>{new}</ins>"
    if change.kind == "reordered":
        return f"same entries in a new order: {new}"
    if change.kind == "items":
        parts = []
        if change.added_items:
            parts.append(f"added {_marked('ins', change.added_items)}")
        if change.removed_items:
            parts.append(f"removed {_marked('del', change.removed_items)}")
        return "; ".join(parts)
    if change.kind == "text":
        segments = "".join(_segment(segment) for segment in change.segments)
        return f'text changed\n<div class="snapshot-diff-text">{segments}</div>'
    return ""


@register.simple_tag
def diff_changes(changes) -> str:
    """{% diff_changes artifact.changes %} — changed values (FieldChange) as list items."""
    items = "\n".join(
        '<li class="snapshot-diff-change">\n'
        f'<span class="fw-semibold">{_text(change.label)}</span>:\n{_what_changed(change)}\n</li>'
        for change in changes or ()
    )
    return mark_safe(items)  # noqa: S308 - every value in it is escaped above


# Each state of a checklist item: its class, what a screen reader hears first, and what
# follows the label.
_CHECKLIST_STATES = {
    True: ("checklist-met", "Met:", ""),
    None: (
        "checklist-na",
        "Not applicable:",
        ' <span class="text-body-secondary">(not applicable)</span>',
    ),
    False: ("checklist-missing", "Missing:", ""),
}
_CHECKLIST_ITEM = (
    '<li class="checklist-item {}">{} <span class="visually-hidden">{}</span> {}{}{}</li>'
)
_CHECKLIST_HINT = '<div class="small text-body-secondary checklist-hint">{}</div>'


@register.simple_tag
def frozen_checklist_items(items) -> str:
    """{% frozen_checklist_items checklist.items %} — a frozen checklist's items, each as a
    list item written whole for its state (met, not applicable, missing)."""
    rows = []
    for item in items or ():
        met = item.get("met")
        state = True if met else None if met is None else False
        css, said, after = _CHECKLIST_STATES[state]
        detail = item.get("detail")
        hint = _CHECKLIST_HINT.format(_text(detail)) if detail else ""
        label = _text(item.get("label", ""))
        rows.append(_CHECKLIST_ITEM.format(css, check_mark(state), said, label, after, hint))
    return mark_safe("\n".join(rows))  # noqa: S308 - every stored value in it is escaped above
