"""The one streaming size cap on uploaded files, applied while Django reads the request body.

UploadCapHandler is first in settings.FILE_UPLOAD_HANDLERS. For most pages it drops a file as
soon as it passes settings.UPLOAD_MAX_BYTES, so an oversize upload is neither buffered nor
written anywhere, and keeps the refusal on the request for the form (refused_upload_message).

A page that reads small documents (an import) declares its own limit with @upload_limit: then
the handler keeps only the first limit + 1 bytes of each file in memory, counts the rest and
hands the form a file whose size is the real one, so the form can say how big it was. Nothing
of it lands in a temporary file. The limit is known because Django resolves the URL before the
CSRF check reads the body; no view has to swap handlers (and lose CSRF protection) to get it.
"""

from collections.abc import Callable
from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from common.uploads import too_large_error

_VIEW_LIMIT = "upload_max_bytes"


def upload_limit(max_bytes: int) -> Callable:
    """Decorate a view (outermost) whose uploads are read into memory up to max_bytes."""

    def decorate(view: Callable) -> Callable:
        setattr(view, _VIEW_LIMIT, max_bytes)
        return view

    return decorate


def _view_limit(request) -> int | None:
    match = getattr(request, "resolver_match", None)
    return getattr(match.func, _VIEW_LIMIT, None) if match is not None else None


class UploadCapHandler(FileUploadHandler):
    """Caps every uploaded file: dropped past settings.UPLOAD_MAX_BYTES, or, with a page's own
    `limit`, kept in memory up to one byte over it and counted to the end."""

    def __init__(self, request=None, limit: int | None = None):
        super().__init__(request)
        self.limit = limit if limit is not None else _view_limit(request)

    def new_file(self, field_name, file_name, content_type, content_length, *args, **kwargs):
        super().new_file(field_name, file_name, content_type, content_length, *args, **kwargs)
        self.received = 0
        self.buffer = BytesIO()
        if self.limit is None and (content_length or 0) > settings.UPLOAD_MAX_BYTES:
            self._refuse()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.limit is None:
            if self.received > settings.UPLOAD_MAX_BYTES:
                self._refuse()
            return raw_data
        room = self.limit + 1 - self.buffer.tell()
        if room > 0:
            self.buffer.write(raw_data[:room])
        return None  # the chunk stops here: no other handler stores it

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if self.limit is None:
            return None  # the next handler builds the file
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )

    def _refuse(self):
        if self.request is not None:
            refused = getattr(self.request, "refused_uploads", None)
            if refused is None:
                refused = self.request.refused_uploads = {}
            refused[self.field_name] = too_large_error(settings.UPLOAD_MAX_BYTES).messages[0]
        raise SkipFile


def refused_upload_message(request, field_name: str) -> str | None:
    """The reason UploadCapHandler dropped this field's file, if it did."""
    return getattr(request, "refused_uploads", {}).get(field_name)
