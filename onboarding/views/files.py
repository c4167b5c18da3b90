"""/files/<id>/: a stored file, downloaded by whoever may see it."""

import logging
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from common.uploads import download_content_type
from onboarding.blind import blind_for, download_name
from onboarding.permissions import get_stored_file_for

logger = logging.getLogger(__name__)


@require_safe
@login_required
@never_cache
def file_download(request: HttpRequest, file_id: UUID) -> FileResponse:
    stored_file = get_stored_file_for(request.user, file_id)
    try:
        handle = storages["default"].open(stored_file.storage_name, "rb")
    except FileNotFoundError:
        logger.error("Stored file %s has no bytes in the storage", stored_file.pk)
        raise Http404("No such file.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(
            stored_file.original_name,
            stored_file.sha256,
            blind=blind_for(request.user) and stored_file.owner_id != request.user.pk,
        ),
        content_type=download_content_type(stored_file.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox; frame-ancestors 'none'"
    return response
