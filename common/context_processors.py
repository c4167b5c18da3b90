from django.conf import settings


def site(request) -> dict:
    """The site's own address (SITE_URL), for the addresses a page shows or names itself by:
    never the request's Host header, which a request may set to anything an allowed-hosts
    wildcard lets through."""
    return {"site_url": settings.SITE_URL}
