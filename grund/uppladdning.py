"""Uploads are refused while they stream, before anything of them is kept: the one upload
handler (FILE_UPLOAD_HANDLERS) holds at most UPPLADDNING_HOGST bytes of a request's files in
memory and never writes to disk. A file beyond it is read to its end and thrown away, and
the form finds an empty file that knows its real size and says so next to the field
(`inom_uppladdningsgransen`, on every file field through organisation.indata), never a 500.
Bodies far larger than a form's are the reverse proxy's to stop (README, "Drift")."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers


class ForStorFil(InMemoryUploadedFile):
    """What is left of a file over the limit: nothing but its name and its size."""

    for_stor = True


class BegransadUppladdning(FileUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.sparat = 0  # bytes of this request's files kept, all files together

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.innehall: io.BytesIO | None = io.BytesIO()
        self.storlek = 0
        raise StopFutureHandlers  # the only handler: nothing of the file goes to disk

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.storlek += len(raw_data)
        if self.innehall is not None:
            if self.sparat + len(raw_data) <= settings.UPPLADDNING_HOGST:
                self.innehall.write(raw_data)
                self.sparat += len(raw_data)
            else:  # over the limit: what was kept of this file is let go, the rest counted
                self.sparat -= self.innehall.tell()
                self.innehall = None
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        typ = ForStorFil if self.innehall is None else InMemoryUploadedFile
        innehall = self.innehall or io.BytesIO()
        innehall.seek(0)
        return typ(
            file=innehall,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.storlek,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def inom_uppladdningsgransen(fil: Any) -> None:
    """A validator of every file field: the file was not thrown away for its size."""
    if getattr(fil, "for_stor", False):
        raise ValidationError(
            "Filen är för stor (%(kb)s kB). En fil får vara högst %(mb)s MB.",
            code="for_stor",
            params={
                "kb": fil.size // 1024,
                "mb": settings.UPPLADDNING_HOGST // 1024 // 1024,
            },
        )
