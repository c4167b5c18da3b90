"""The frozen copy's rows written by tags: exactly what the template loops they replace drew,
whatever the stored text holds."""

import re

from django.template import Context, Template
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

from onboarding.diff.text import TextSegment
from onboarding.diff.values import FieldChange
from onboarding.queries.feedback import RubricFeedback

# The loops as templates drew them, kept here as the reference the tags must match.
ITEM_ROWS = """{% for item in items %}
<tr>
  <th scope="row">{{ first|add:forloop.counter0 }}</th>
  <td>{{ item.prompt|linebreaksbr }}{% if item.adversarial %} <span class="badge text-bg-warning">adversarial</span>{% endif %}</td>
  <td>{{ item.reference_answer|linebreaksbr }}</td>
  <td>{{ item.rationale|linebreaksbr }}</td>
  <td>{{ item.difficulty|capfirst }}</td>
  <td>{{ item.source }}</td>
</tr>
{% endfor %}"""  # noqa: E501

CHECKLIST_ITEMS = """{% load icons %}{% for item in items %}
  {% if item.met %}
    <li class="checklist-item checklist-met">{% check_mark True %} <span class="visually-hidden">Met:</span> {{ item.label }}{% if item.detail %}<div class="small text-body-secondary checklist-hint">{{ item.detail }}</div>{% endif %}</li>
  {% elif item.met is None %}
    <li class="checklist-item checklist-na">{% check_mark None %} <span class="visually-hidden">Not applicable:</span> {{ item.label }} <span class="text-body-secondary">(not applicable)</span>{% if item.detail %}<div class="small text-body-secondary checklist-hint">{{ item.detail }}</div>{% endif %}</li>
  {% else %}
    <li class="checklist-item checklist-missing">{% check_mark False %} <span class="visually-hidden">Missing:</span> {{ item.label }}{% if item.detail %}<div class="small text-body-secondary checklist-hint">{{ item.detail }}</div>{% endif %}</li>
  {% endif %}
{% endfor %}"""  # noqa: E501

SCALE_ROWS = """{% load markdown %}{% for level in scale %}
  <tr><th scope="row">{{ level.score }}</th><td><ul class="mb-0">{% for criterion in level.criteria %}<li>{{ criterion|markdown_inline }}</li>{% endfor %}</ul></td></tr>
{% endfor %}"""  # noqa: E501

CASE_ROWS = """{% load markdown %}{% for case in cases %}
  <tr><th scope="row">{{ forloop.counter }}</th><td>{{ case.attack|markdown }}</td><td>{{ case.expected_behaviour|markdown }}</td><td><span class="badge case-severity severity-{{ case.severity }}">{{ case.severity|capfirst }}</span></td></tr>
{% endfor %}"""  # noqa: E501

FEEDBACK_ROWS = """{% load markdown %}{% for rubric in rubrics %}
  <tr>
    <th scope="row" class="fw-normal">{{ rubric.title }}</th>
    <td>
      {% if rubric.score is not None %}<strong>{{ rubric.score }}</strong>{% if rubric.scale %} <span class="text-body-secondary">(of {{ rubric.scale|join:", " }})</span>{% endif %}{% else %}<span class="text-body-secondary">not scored</span>{% endif %}
      {% if rubric.criteria %}<ul class="small mb-0">{% for criterion in rubric.criteria %}<li>{{ criterion|markdown_inline }}</li>{% endfor %}</ul>{% endif %}
    </td>
    <td>
      {% if rubric.comment %}<div class="review-comment">{{ rubric.comment|linebreaksbr }}</div>{% endif %}
      {% if rubric.flags %}<p class="mb-0 small text-danger-emphasis"><strong>Disallowed behaviour seen:</strong> {{ rubric.flags|join:"; " }}</p>{% endif %}
    </td>
  </tr>
{% endfor %}"""  # noqa: E501

DIFF_CHANGE = """{% for change in changes %}
<li class="snapshot-diff-change">
  <span class="fw-semibold">{{ change.label }}</span>:
  {% if change.kind == "added" %}
    added <ins>{{ change.new_display }}</ins>
  {% elif change.kind == "removed" %}
    removed <del>{{ change.old_display }}</del>
  {% elif change.kind == "changed" %}
    changed from <del>{{ change.old_display }}</del> to <ins>{{ change.new_display }}</ins>
  {% elif change.kind == "file_replaced" %}
    file replaced (new content): was <del>{{ change.old_display }}</del>, now <ins>{{ change.new_display }}</ins>
  {% elif change.kind == "reordered" %}
    same entries in a new order: {{ change.new_display }}
  {% elif change.kind == "items" %}
    {% if change.added_items %}added {% for item in change.added_items %}<ins>{{ item }}</ins>{% if not forloop.last %}, {% endif %}{% endfor %}{% endif %}{% if change.added_items and change.removed_items %}; {% endif %}{% if change.removed_items %}removed {% for item in change.removed_items %}<del>{{ item }}</del>{% if not forloop.last %}, {% endif %}{% endfor %}{% endif %}
  {% elif change.kind == "text" %}
    text changed
    <div class="snapshot-diff-text">{% for segment in change.segments %}{% if segment.op == "insert" %}<ins><span class="visually-hidden">added: </span>{{ segment.text }}</ins>{% elif segment.op == "delete" %}<del><span class="visually-hidden">removed: </span>{{ segment.text }}</del>{% elif segment.op == "skip" %}<span class="snapshot-diff-skip">[… {{ segment.text }} …]</span>{% else %}{{ segment.text }}{% endif %}{% endfor %}</div>
  {% endif %}
</li>{% endfor %}"""  # noqa: E501

TEXT_DIFF = re.compile(r'<div class="snapshot-diff-text">.*?</div>', re.DOTALL)


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def same_markup(html: str) -> str:
    """The markup without the whitespace between lines, which a reader never sees."""
    return "".join(line.strip() for line in html.splitlines())


# Text as experts write it: markup, Markdown, quotes, ampersands and every kind of line break.
text = st.text(alphabet=st.sampled_from("ab <>&\"'\r\n\u00e9*_`[]()#-"), max_size=12)
stored = st.one_of(text, st.none())


@given(
    items=st.lists(
        st.fixed_dictionaries(
            {
                "prompt": stored,
                "reference_answer": stored,
                "rationale": text,
                "difficulty": st.sampled_from(["easy", "hard", "", "éasy"]),
                "adversarial": st.booleans(),
                "source": stored,
            }
        ),
        max_size=3,
    ),
    first=st.integers(min_value=1, max_value=2000),
)
def test_frozen_item_rows_draw_what_the_template_drew(items, first):
    drawn = render(
        "{% load reviewing %}{% frozen_item_rows items first %}", items=items, first=first
    )
    assert same_markup(drawn) == same_markup(render(ITEM_ROWS, items=items, first=first))


@given(
    items=st.lists(
        st.fixed_dictionaries(
            {"label": text, "met": st.sampled_from([True, False, None]), "detail": stored}
        ),
        max_size=4,
    )
)
def test_frozen_checklist_items_draw_what_the_template_drew(items):
    drawn = render("{% load reviewing %}{% frozen_checklist_items items %}", items=items)
    assert same_markup(drawn) == same_markup(render(CHECKLIST_ITEMS, items=items))


def test_frozen_item_rows_escape_the_stored_text_and_number_from_first():
    items = [{"prompt": "<b>1\r\n2</b>", "reference_answer": "a & b", "rationale": "",
              "difficulty": "hard", "adversarial": True, "source": '"x"'}]  # fmt: skip
    drawn = render("{% load reviewing %}{% frozen_item_rows items 51 %}", items=items)
    assert '<th scope="row">51</th>' in drawn
    assert "<td>&lt;b&gt;1<br>2&lt;/b&gt; <span" in drawn
    assert "<td>a &amp; b</td>" in drawn
    assert "<td>Hard</td>" in drawn
    assert "<td>&quot;x&quot;</td>" in drawn


@given(
    scale=st.lists(
        st.fixed_dictionaries(
            {
                "score": st.integers(min_value=0, max_value=10),
                "criteria": st.lists(text, max_size=3),
            }
        ),
        max_size=3,
    )
)
def test_frozen_scale_rows_draw_what_the_template_drew(scale):
    drawn = render("{% load reviewing %}{% frozen_scale_rows scale %}", scale=scale)
    assert same_markup(drawn) == same_markup(render(SCALE_ROWS, scale=scale))


@given(
    cases=st.lists(
        st.fixed_dictionaries(
            {
                "attack": text,
                "expected_behaviour": text,
                "severity": st.sampled_from(["low", "high", "critical", 'a"b']),
            }
        ),
        max_size=3,
    )
)
def test_frozen_case_rows_draw_what_the_template_drew(cases):
    drawn = render("{% load reviewing %}{% frozen_case_rows cases %}", cases=cases)
    assert same_markup(drawn) == same_markup(render(CASE_ROWS, cases=cases))


@given(
    rubrics=st.lists(
        st.builds(
            RubricFeedback,
            title=text,
            score=st.one_of(st.none(), st.integers(min_value=0, max_value=5)),
            scale=st.lists(st.integers(min_value=0, max_value=5), max_size=3).map(tuple),
            criteria=st.lists(text, max_size=2).map(tuple),
            comment=text,
            flags=st.lists(text, max_size=2).map(tuple),
        ),
        max_size=3,
    )
)
def test_feedback_rubric_rows_draw_what_the_template_drew(rubrics):
    drawn = render("{% load reviewing %}{% feedback_rubric_rows rubrics %}", rubrics=rubrics)
    assert same_markup(drawn) == same_markup(render(FEEDBACK_ROWS, rubrics=rubrics))


@given(
    changes=st.lists(
        st.builds(
            FieldChange,
            path=st.just("x"),
            label=text,
            kind=st.sampled_from(
                ["added", "removed", "changed", "text", "items", "reordered", "file_replaced"]
            ),
            old_display=text,
            new_display=text,
            added_items=st.lists(text, max_size=2).map(tuple),
            removed_items=st.lists(text, max_size=2).map(tuple),
            segments=st.lists(
                st.builds(
                    TextSegment,
                    op=st.sampled_from(["equal", "insert", "delete", "skip"]),
                    text=text,
                ),
                max_size=4,
            ).map(tuple),
        ),
        max_size=3,
    )
)
def test_diff_changes_draw_what_the_template_drew(changes):
    drawn = render("{% load reviewing %}{% diff_changes changes %}", changes=changes)
    before = render(DIFF_CHANGE, changes=changes)
    assert same_markup(drawn) == same_markup(before)
    # Inside a text's differences every space counts: they are compared as they are.
    assert TEXT_DIFF.findall(drawn) == TEXT_DIFF.findall(before)


def test_the_tags_draw_nothing_for_no_list_as_the_loops_did():
    for tag in (
        "frozen_item_rows",
        "frozen_scale_rows",
        "frozen_case_rows",
        "feedback_rubric_rows",
        "diff_changes",
        "frozen_checklist_items",
    ):
        assert render(f"{{% load reviewing %}}{{% {tag} rows %}}", rows=None) == "", tag


def test_the_tags_write_text_already_marked_safe_as_it_is():
    safe = mark_safe("<b>bold</b> &amp; more")
    items = [{"label": safe, "met": True, "detail": ""}]
    drawn = render("{% load reviewing %}{% frozen_checklist_items items %}", items=items)
    assert "<b>bold</b> &amp; more" in drawn
    assert same_markup(drawn) == same_markup(render(CHECKLIST_ITEMS, items=items))
    rows = [{"prompt": safe, "reference_answer": "a\nb", "source": "<i>"}]
    drawn = render("{% load reviewing %}{% frozen_item_rows rows 1 %}", rows=rows)
    assert same_markup(drawn) == same_markup(render(ITEM_ROWS, items=rows, first=1))
