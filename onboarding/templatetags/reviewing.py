from django import template

from onboarding.blind import expert_label as label_of

register = template.Library()


@register.filter
def expert_label(round, blind: bool) -> str:
    """{{ round|expert_label:blind }}: the expert's name, or anonymous under blind review."""
    return label_of(round.expert_name, round.submission_id, blind=bool(blind))
