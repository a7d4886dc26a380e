"""ZIP packages (XLSX, DOCX, PPTX) checked from their directory before anything is unpacked.

``check_archive`` reads only the ZIP's central directory: the number of members, the size each
declares once unpacked (Python's ``zipfile`` never unpacks more than that), their sum and the
compression ratio. The spreadsheet and Word readers call it before openpyxl or python-docx sees the
file, and evidence uploads call it for every Office file they accept.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .errors import UnreadableFile
from .limits import DEFAULT_LIMITS, ReadLimits


class NotAnArchive(UnreadableFile):
    """The content is not a ZIP package at all."""


def _zip(source: bytes | IO[bytes]) -> zipfile.ZipFile:
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        return zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise NotAnArchive(_("The file is damaged or is not an Office file.")) from exc


def _size(source: bytes | IO[bytes]) -> int:
    if isinstance(source, bytes | bytearray):
        return len(source)
    position = source.tell()
    size = source.seek(0, io.SEEK_END)
    source.seek(position)
    return size


def check_archive(
    source: bytes | IO[bytes], *, limits: ReadLimits = DEFAULT_LIMITS
) -> list[zipfile.ZipInfo]:
    """The members of a ZIP package that stays within ``limits``; raises :class:`UnreadableFile`
    (or :class:`NotAnArchive`) otherwise. A file handle is left at its start."""
    packed = _size(source)
    try:
        with _zip(source) as archive:
            infos = archive.infolist()
    finally:
        if not isinstance(source, bytes | bytearray):
            source.seek(0)
    if len(infos) > limits.max_entries:
        raise UnreadableFile(
            _("The file holds %(count)s parts; at most %(max)s are accepted.")
            % {"count": f"{len(infos):,}", "max": f"{limits.max_entries:,}"}
        )
    unpacked = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableFile(_("The file is password-protected: save it without a password."))
        unpacked += info.file_size
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise _bomb(info.file_size, limits)
    if unpacked > limits.max_unpacked:
        raise UnreadableFile(
            _(
                "The file unpacks to %(size)s, more than the %(limit)s accepted. Split it into "
                "smaller files, or remove pictures and unused sheets."
            )
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(limits.max_unpacked)}
        )
    if unpacked > limits.ratio_floor and unpacked > limits.max_ratio * max(packed, 1):
        raise _bomb(unpacked, limits)
    return infos


def _bomb(size: int, limits: ReadLimits) -> UnreadableFile:
    return UnreadableFile(
        _(
            "The file is compressed far more than office files are (it unpacks to %(size)s, over "
            "%(ratio)s times its size): it is refused as a possible “zip bomb”."
        )
        % {"size": filesizeformat(size), "ratio": limits.max_ratio}
    )


def read_member(
    source: bytes | IO[bytes], name: str, *, max_size: int, limits: ReadLimits = DEFAULT_LIMITS
) -> bytes | None:
    """One member of a checked package (at most ``max_size`` bytes), or None when the package
    has no such member or it is larger. A file handle is left at its start."""
    infos = check_archive(source, limits=limits)
    info = next((i for i in infos if i.filename == name), None)
    if info is None or info.file_size > max_size:
        return None
    try:
        with _zip(source) as archive, archive.open(info) as member:
            return member.read(max_size + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, NotImplementedError):
        return None
    finally:
        if not isinstance(source, bytes | bytearray):
            source.seek(0)
