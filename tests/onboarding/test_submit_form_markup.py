"""The submit page's confirmations, drawn without crispy, give the markup crispy gives."""

import re

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory
from pytest_django.asserts import assertHTMLEqual

from onboarding.confirmations import CONFIRMATIONS
from onboarding.forms import SubmitConfirmationsForm

CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")
OURS = Template('{% include "onboarding/_submit_confirmations.html" %}')


def render(template: Template, form) -> str:
    request = RequestFactory().get("/submit/")
    html = template.render(RequestContext(request, {"form": form}))
    assert html.count('name="csrfmiddlewaretoken"') == 1
    # Each render masks the CSRF secret afresh.
    return re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]*', r"\1", html)


@pytest.mark.parametrize("has_benchmarks", [False, True])
@pytest.mark.parametrize("data", [None, {}, {"own_work": "on"}, dict.fromkeys(CONFIRMATIONS, "on")])
def test_submit_confirmations_markup_is_crispys(has_benchmarks, data):
    def build():
        form = SubmitConfirmationsForm(data, has_benchmarks=has_benchmarks)
        if data is not None:
            form.is_valid()
        return form

    assertHTMLEqual(render(OURS, build()), render(CRISPY, build()))
