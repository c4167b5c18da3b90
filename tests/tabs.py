"""Two browser tabs in tests: each a client of its own that opens a page, reads its form the way
a browser would send it, and posts it back with some fields changed."""

from html.parser import HTMLParser

from django.test import Client

TEXT_TYPES = {"text", "hidden", "number", "url", "email", "search", "tel", ""}


class _FormReader(HTMLParser):
    """Every POST form on the page as the browser would send it (without its buttons)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, str]] = []
        self._form: dict[str, str] | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        name = attrs.get("name")
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._form = {}
        elif self._form is None:
            return
        elif tag == "input" and name:
            kind = attrs.get("type", "").lower()
            if kind in TEXT_TYPES:
                self._form[name] = attrs.get("value", "")
            elif kind in ("checkbox", "radio") and "checked" in attrs:
                self._form[name] = attrs.get("value", "on")
        elif tag == "textarea" and name:
            self._textarea = name
            self._form[name] = ""
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in attrs:
                self._form[self._select] = value

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            # Browsers drop the one line break that may follow <textarea>.
            self._form[self._textarea] = self._form[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select:
            self._form.setdefault(self._select, self._first_option or "")
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def page_form(response, *, having: str = "version") -> dict[str, str]:
    """The page's POST form that has a field named `having`, as a browser would send it."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    return next(form for form in reader.forms if having in form)


def tab(user) -> Client:
    """Another browser tab of the same signed-in person."""
    client = Client()
    client.force_login(user)
    return client


def refused_as_deleted(response, what: str, new_url: str) -> str:
    """A save from a tab whose `what` was deleted in another: refused (409), saying so, with
    the form now posting to `new_url`, which makes a new one. Returns the page."""
    assert response.status_code == 409
    html = response.content.decode()
    assert f"Not saved: this {what} was deleted while you had it open" in html
    assert f'action="{new_url}"' in html  # saving again makes a new one
    return html


def error_summary(html: str) -> str:
    """The list of a refused editor's errors at the top of its page."""
    summary = html[html.index('class="alert alert-danger error-summary"') :]
    return summary[: summary.index("</div>")]
