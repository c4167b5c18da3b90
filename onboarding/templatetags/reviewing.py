from html import escape

from django import template
from django.template.defaultfilters import capfirst
from django.utils.safestring import mark_safe

from common.markdown import render_markdown_inline
from onboarding.blind import expert_label as label_of
from onboarding.queries.frozen import CLAIM_KIND_LABELS

register = template.Library()


@register.filter
def expert_label(round, blind: bool) -> str:
    """{{ round|expert_label:blind }}: the expert's name, or anonymous under blind review."""
    return label_of(round.expert_name, round.submission_id, blind=bool(blind))


@register.filter
def flag_kind(kind: str) -> str:
    """{{ flag.kind|flag_kind }}: what an identity flag points at in words ("work sample"),
    from a snapshot's artifact key or "profile"."""
    return CLAIM_KIND_LABELS.get(kind, kind.replace("_", " "))


# A frozen benchmark's items (fifty a page of its items) and a review's rubrics are drawn on
# pages built for each visit: one tag each writes their rows, escaping the stored text (plain
# strings from the snapshot's JSON) as autoescape would, where a template would resolve every
# value in a loop. The frozen copy's other loops stay in its templates: it is built once.
# Each cell named (data-label) for phones, where the table's rows are cards (.table-stack).
_ITEM_ROW = (
    '<tr>\n  <th scope="row"><span class="d-md-none">Item </span>{}</th>\n'
    '  <td data-label="Prompt">{}{}</td>\n  <td data-label="Reference answer">{}</td>\n'
    '  <td data-label="Rationale">{}</td>\n  <td data-label="Difficulty">{}</td>\n'
    '  <td data-label="Source">{}</td>\n</tr>'
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


_FEEDBACK_ROW = (
    '<tr>\n<th scope="row" class="fw-normal">{}</th>\n'
    '<td data-label="Level">\n{}\n{}\n</td>{}\n</tr>'
)
# Nothing between the tags when there is no comment: on a phone an empty cell is not drawn.
_FEEDBACK_NOTES = '\n<td data-label="Comment">{}{}</td>'
_NOT_SCORED = '<span class="text-body-secondary">not scored</span>'


def _given_score(rubric) -> str:
    if rubric.score is None:
        return _NOT_SCORED
    scale = ", ".join(_text(score) for score in rubric.scale)
    of = f' <span class="text-body-secondary">(of {scale})</span>' if scale else ""
    return f"<strong>{_text(rubric.score)}</strong>{of}"


@register.simple_tag
def feedback_rubric_rows(rubrics, notes=True) -> str:
    """{% feedback_rubric_rows feedback.rubrics feedback.has_notes %} — a review's rubrics as
    table rows: the level given (of which), the chosen level's criteria, and while `notes`
    the comment and the flags (a column of its own)."""
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
                _FEEDBACK_NOTES.format(
                    f'<div class="review-comment">{comment}</div>' if rubric.comment else "",
                    '<p class="mb-0 small text-danger-emphasis"><strong>Disallowed behaviour '
                    f"seen:</strong> {flags}</p>"
                    if rubric.flags
                    else "",
                )
                if notes
                else "",
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - the text is escaped, the criteria sanitised


# The reviewer queue's rows (twenty a page, built for each visit) the same way: a row's
# values are text formatted once in queue_rows(); each cell named (data-label) for phones.
_QUEUE_ROW = (
    "<tr>\n<td>\n"
    '<a href="{url}" class="fw-semibold">{name}</a> '
    '<span class="text-body-secondary small">round {number}</span>\n'
    '<div class="small">{headline}</div>{offered}{match}\n</td>\n'
    '<td data-label="Shape and domains">\n'
    '<span class="badge text-bg-light border">{shape}</span>\n'
    '<ul class="list-inline small mb-0">{domains}</ul>\n</td>\n'
    '<td class="small" data-label="Credentials">{credentials}</td>\n'
    '<td data-label="Waiting"><time datetime="{submitted_iso}" title="{submitted_title}">'
    "{waiting}</time></td>\n"
    '<td data-label="Status">\n'
    '<span class="badge round-state round-state-{shown_state}">{state_label}</span>{revoked}\n'
    '<div class="small text-body-secondary">{seats}</div>\n</td>\n'
    '<td class="table-stack-actions">{action}</td>\n</tr>'
)
_NO_CREDENTIALS = '<span class="text-body-secondary">none</span>'


def _queue_action(row, csrf_input: str) -> str:
    """A row's button: Claim while the reviewer may, Continue while their review is open."""
    name, number = _text(row["expert_name"]), _text(row["number"])
    if row["claim_url"]:
        return (
            f'\n<form method="post" action="{_text(row["claim_url"])}">\n{csrf_input}\n'
            f'<button type="submit" class="btn btn-sm btn-primary">Claim<span '
            f'class="visually-hidden"> {name}, round {number}</span></button>\n</form>\n'
        )
    if row["my_review_open"]:
        return (
            f'\n<a class="btn btn-sm btn-outline-primary" href="{_text(row["url"])}#score">'
            f'Continue<span class="visually-hidden"> reviewing {name}</span></a>\n'
        )
    return ""


@register.simple_tag(takes_context=True)
def queue_row_markup(context, rows) -> str:
    """{% queue_row_markup rows %} — the queue's rows (queue_rows()) as table rows."""
    token = context.get("csrf_token")
    csrf_input = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{_text(token)}">'
        if token and str(token) != "NOTPROVIDED"
        else ""
    )
    markup = []
    for row in rows or ():
        match = "".join(f"<li>{_text(capfirst(reason))}</li>" for reason in row["match"])
        revoked = (
            '\n<div class="small text-danger-emphasis">Approved, then revoked by staff on '
            f'<time datetime="{_text(row["revoked_iso"])}">{_text(row["revoked_day"])}</time></div>'
            if row["revoked_day"]
            else ""
        )
        markup.append(
            _QUEUE_ROW.format(
                url=_text(row["url"]),
                name=_text(row["expert_name"]),
                number=_text(row["number"]),
                headline=_text(row["headline"]),
                offered=(
                    '\n<div class="small fw-semibold">Offered to you first, as you decided the '
                    f"previous round: until {_text(row['offered_until'])}</div>"
                    if row["offered_until"]
                    else ""
                ),
                match=(
                    f'\n<ul class="list-unstyled small text-success mb-0 queue-match">{match}</ul>'
                    if match
                    else ""
                ),
                shape=_text(row["shape_label"]),
                domains="".join(
                    f'<li class="list-inline-item">{_text(domain)}</li>'
                    for domain in row["domains"]
                ),
                credentials=_text(row["credentials"]) if row["credentials"] else _NO_CREDENTIALS,
                submitted_iso=_text(row["submitted_iso"]),
                submitted_title=_text(row["submitted_title"]),
                waiting=_text(row["waiting"]),
                shown_state=_text(row["shown_state"]),
                state_label=_text(row["state_label"]),
                revoked=revoked,
                seats=_text(row["seats"]),
                action=_queue_action(row, csrf_input),
            )
        )
    return mark_safe("\n".join(markup))  # noqa: S308 - every value in it is escaped above
