"""A frozen benchmark's item rows and a review's rubric rows written by tags: exactly what the
template loops they replace drew, whatever the stored text holds."""

from django.template import Context, Template
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

from onboarding.queries.feedback import RubricFeedback

# The loops as templates drew them, kept here as the reference the tags must match.
ITEM_ROWS = """{% for item in items %}
<tr>
  <th scope="row"><span class="d-md-none">Item </span>{{ first|add:forloop.counter0 }}</th>
  <td data-label="Prompt">{{ item.prompt|linebreaksbr }}{% if item.adversarial %} <span class="badge text-bg-warning">adversarial</span>{% endif %}</td>
  <td data-label="Reference answer">{{ item.reference_answer|linebreaksbr }}</td>
  <td data-label="Rationale">{{ item.rationale|linebreaksbr }}</td>
  <td data-label="Difficulty">{{ item.difficulty|capfirst }}</td>
  <td data-label="Source">{{ item.source }}</td>
</tr>
{% endfor %}"""  # noqa: E501

FEEDBACK_ROWS = """{% load markdown %}{% for rubric in rubrics %}
  <tr>
    <th scope="row" class="fw-normal">{{ rubric.title }}</th>
    <td data-label="Level">
      {% if rubric.score is not None %}<strong>{{ rubric.score }}</strong>{% if rubric.scale %} <span class="text-body-secondary">(of {{ rubric.scale|join:", " }})</span>{% endif %}{% else %}<span class="text-body-secondary">not scored</span>{% endif %}
      {% if rubric.criteria %}<ul class="small mb-0">{% for criterion in rubric.criteria %}<li>{{ criterion|markdown_inline }}</li>{% endfor %}</ul>{% endif %}
    </td>
    {% if notes %}<td data-label="Comment">
      {% if rubric.comment %}<div class="review-comment">{{ rubric.comment|linebreaksbr }}</div>{% endif %}
      {% if rubric.flags %}<p class="mb-0 small text-danger-emphasis"><strong>Disallowed behaviour seen:</strong> {{ rubric.flags|join:"; " }}</p>{% endif %}
    </td>{% endif %}
  </tr>
{% endfor %}"""  # noqa: E501


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


def test_frozen_item_rows_escape_the_stored_text_and_number_from_first():
    items = [{"prompt": "<b>1\r\n2</b>", "reference_answer": "a & b", "rationale": "",
              "difficulty": "hard", "adversarial": True, "source": '"x"'}]  # fmt: skip
    drawn = render("{% load reviewing %}{% frozen_item_rows items 51 %}", items=items)
    assert '<th scope="row"><span class="d-md-none">Item </span>51</th>' in drawn
    assert '<td data-label="Prompt">&lt;b&gt;1<br>2&lt;/b&gt; <span' in drawn
    assert '<td data-label="Reference answer">a &amp; b</td>' in drawn
    assert '<td data-label="Difficulty">Hard</td>' in drawn
    assert '<td data-label="Source">&quot;x&quot;</td>' in drawn


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
    ),
    notes=st.booleans(),
)
def test_feedback_rubric_rows_draw_what_the_template_drew(rubrics, notes):
    drawn = render(
        "{% load reviewing %}{% feedback_rubric_rows rubrics notes %}", rubrics=rubrics, notes=notes
    )
    assert same_markup(drawn) == same_markup(render(FEEDBACK_ROWS, rubrics=rubrics, notes=notes))


def test_feedback_rubric_rows_leave_an_empty_comment_cell_empty():
    rubrics = [RubricFeedback(title="R", score=3, scale=(3,), criteria=(), comment="", flags=())]
    drawn = render("{% load reviewing %}{% feedback_rubric_rows rubrics True %}", rubrics=rubrics)
    assert '<td data-label="Comment"></td>' in drawn  # :empty, so not drawn on a phone
    drawn = render("{% load reviewing %}{% feedback_rubric_rows rubrics False %}", rubrics=rubrics)
    assert "Comment" not in drawn


def test_the_tags_draw_nothing_for_no_list_as_the_loops_did():
    for tag in ("frozen_item_rows", "feedback_rubric_rows"):
        assert render(f"{{% load reviewing %}}{{% {tag} rows %}}", rows=None) == "", tag


def test_the_tags_write_text_already_marked_safe_as_it_is():
    safe = mark_safe("<b>bold</b> &amp; more")
    rows = [{"prompt": safe, "reference_answer": "a\nb", "source": "<i>"}]
    drawn = render("{% load reviewing %}{% frozen_item_rows rows 1 %}", rows=rows)
    assert "<b>bold</b> &amp; more" in drawn
    assert same_markup(drawn) == same_markup(render(ITEM_ROWS, items=rows, first=1))
    rubrics = [
        RubricFeedback(title=safe, score=None, scale=(), criteria=(), comment=safe, flags=())
    ]
    drawn = render("{% load reviewing %}{% feedback_rubric_rows rubrics %}", rubrics=rubrics)
    assert drawn.count("<b>bold</b> &amp; more") == 2
    assert same_markup(drawn) == same_markup(render(FEEDBACK_ROWS, rubrics=rubrics, notes=True))
