"""A word longer than any line (a pasted link, a run of one character) in what an expert
writes wraps where it is shown: no page scrolls sideways for it, on a phone or a desktop."""

from tests.e2e.conftest import PHONE, log_in
from tests.factories import (
    AdversarialTestPlanFactory,
    RubricFactory,
    UserFactory,
    WorkSampleFactory,
    make_profile,
)

LONG = "https://example.org/" + "x" * 400


def test_long_words_wrap_instead_of_widening_the_page(page):
    dana = UserFactory(email="dana@example.com", name="Dana Expert")
    make_profile(dana, headline="Evaluator " + "h" * 150, bio="See " + LONG, visibility="public")
    sample = WorkSampleFactory(owner=dana, title="t" * 200, description=LONG)
    rubric = RubricFactory(owner=dana, objective=LONG)
    plan = AdversarialTestPlanFactory(owner=dana, scope=LONG, threat_model=LONG)
    log_in(page, "dana@example.com")
    pages = [
        f"/p/{dana.profile.slug}/",
        "/profile/",
        "/portfolio/",
        f"/portfolio/samples/{sample.pk}/",
        f"/rubrics/{rubric.pk}/",
        f"/portfolio/test-plans/{plan.pk}/",
    ]
    for width in (PHONE["width"], 1280):
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        for url in pages:
            page.goto(url)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, f"{url} scrolls sideways at {width} px: {scroll_width}"
