"""Response headers every page needs and no app owns."""

from django.utils.cache import add_never_cache_headers


def private_pages(get_response):
    """Pages for a signed-in person carry their data: no shared cache may store them and the
    browser keeps none after signing out. A page that says how it may be cached (the public
    schema, a download) keeps its own header."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response

    return middleware
