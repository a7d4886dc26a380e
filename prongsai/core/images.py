"""Re-encoding uploaded pictures from their pixels: no metadata survives.

A picture from a phone carries the photographer's GPS position, the camera's make and serial and
the time it was taken (EXIF), often XMP, text chunks (PNG) and comments (GIF). Every picture the
product stores — progress photos, OIT evidence files, pictures placed in pages written in the
system — goes through :func:`reencode_image`: it is decoded (within pixel bounds, against
decompression bombs), turned upright by its EXIF orientation, converted to sRGB when it has a
colour profile, copied pixel by pixel into a new image that has no metadata at all, and encoded
again in its own format (animated GIF and WebP keep their frames and timing). What callers store
and serve is that plain raster image.

Sniffing the file's type from its content and the upload's size limit are the callers' (they
know which types they accept and how to name the file in a message).
"""

from __future__ import annotations

import io
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
MAX_PIXELS = 40_000_000  # over all frames: never decode more (a 40 MP frame is ~160 MB as RGBA)
MAX_FRAMES = 500
PRINTABLE = "PNG or JPEG"  # ``into=``: what Word and PDF documents take (PNG when transparent)
_OPTIMISE_BELOW = 4_000_000  # PNG "optimize" costs seconds on big pictures; small ones only


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    content_type: str
    format: str  # Pillow's name: PNG, JPEG, WEBP, GIF
    width: int
    height: int


# What a picture can carry besides its pixels, as Pillow names it in ``Image.info``.
_METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop")


def image_metadata(data: bytes) -> list[str]:
    """The kinds of metadata ``data`` carries (``exif``, ``xmp``, ``text:Author`` …); empty for a
    picture re-encoded here, or for bytes that are not a picture."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            found = [key for key in _METADATA_KEYS if image.info.get(key)]
            if "exif" not in found and image.getexif():
                found.append("exif")
            text = getattr(image, "text", None) or {}
            found += [f"text:{key}" for key in text]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return []
    except Image.DecompressionBombError:
        return []
    return found


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="image")


def _srgb(image: Image.Image, mode: str) -> Image.Image:
    """``image`` in ``mode``, its colours converted from its embedded profile to sRGB (what a
    picture without a profile is shown as), or plainly converted when the profile is unusable."""
    icc = image.info.get("icc_profile")
    if icc and mode in ("RGB", "RGBA", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            target = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(
                image if image.mode in ("RGB", "RGBA", "CMYK", "L") else image.convert("RGBA"),
                source,
                target,
                outputMode="RGB" if mode == "L" else mode,
            )
            if converted is not None:
                return converted.convert(mode) if converted.mode != mode else converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass
    return image if image.mode == mode else image.convert(mode)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _output_format(image: Image.Image, fmt: str, into: str | None) -> str:
    if into == PRINTABLE:
        return "PNG" if _has_alpha(image) else "JPEG"
    return into or fmt


def _target_mode(image: Image.Image, fmt: str) -> str:
    has_alpha = _has_alpha(image)
    if fmt == "JPEG":
        return "L" if image.mode in ("1", "L") else "RGB"
    if fmt == "PNG" and image.mode in ("1", "L", "LA", "RGB", "RGBA", "P"):
        return image.mode
    if fmt == "GIF" and image.mode in ("P", "L"):
        return image.mode
    return "RGBA" if has_alpha else "RGB"


def _pixels_only(image: Image.Image, mode: str) -> tuple[Image.Image, dict[str, Any]]:
    """A new image with ``image``'s pixels and nothing else, and the save options that belong
    to the pixels (a palette's transparent index)."""
    source = image if mode in ("P", "1") and image.mode == mode else _srgb(image, mode)
    fresh = Image.frombytes(source.mode, source.size, source.tobytes())
    options: dict[str, Any] = {}
    if source.mode == "P":
        fresh.putpalette(source.getpalette() or [])
        transparency = source.info.get("transparency")
        if isinstance(transparency, int | bytes):
            options["transparency"] = transparency
    return fresh, options


def _encode(
    frames: list[Image.Image], options: dict[str, Any], fmt: str, *, quality: int, timing: Any
) -> bytes:
    out = io.BytesIO()
    first, rest = frames[0], frames[1:]
    if fmt == "JPEG":
        first.save(out, "JPEG", quality=quality, optimize=True)
    elif fmt == "PNG":
        small = first.width * first.height < _OPTIMISE_BELOW
        first.save(out, "PNG", optimize=small, **options)
    elif fmt == "WEBP":
        extra = {"save_all": True, "append_images": rest, **timing} if rest else {}
        first.save(out, "WEBP", quality=quality, **extra)
    else:  # GIF
        extra = {"save_all": True, "append_images": rest, **timing} if rest else {}
        first.save(out, "GIF", **options, **extra)
    return out.getvalue()


def reencode_image(
    data: bytes,
    *,
    name: str,
    formats: Collection[str] = tuple(CONTENT_TYPES),
    expected_format: str | None = None,
    max_side: int | None = None,
    quality: int = 85,
    into: str | None = None,
) -> CleanImage:
    """Decode ``data`` and encode it again without metadata; ValidationError (a message naming
    ``name``) when it is not a readable picture of one of ``formats`` (Pillow names), not of
    ``expected_format`` when given, or too large to decode. ``max_side`` scales it down;
    ``into`` encodes it in another format (a Pillow name, or ``PRINTABLE``) than its own."""
    accepted = ", ".join("WebP" if f == "WEBP" else f for f in formats)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = (probe.format or "").upper()
            if fmt not in formats or (expected_format and fmt != expected_format):
                raise _refuse(
                    _("%(name)s is not a picture of an accepted type (%(types)s).")
                    % {"name": name, "types": accepted}
                )
            count = min(int(getattr(probe, "n_frames", 1) or 1), MAX_FRAMES + 1)
            if probe.width * probe.height * count > MAX_PIXELS or count > MAX_FRAMES:
                raise _refuse(
                    _("%(name)s has too many pixels (at most %(max)s million).")
                    % {"name": name, "max": MAX_PIXELS // 1_000_000}
                )
            source_format, fmt = fmt, _output_format(probe, fmt, into)
            animated = count > 1 and source_format in ("GIF", "WEBP") and fmt in ("GIF", "WEBP")
            frames: list[Image.Image] = []
            durations: list[int] = []
            options: dict[str, Any] = {}
            for frame in ImageSequence.Iterator(probe) if animated else [probe]:
                frame.load()
                picture = frame if animated else ImageOps.exif_transpose(frame)
                mode = "RGBA" if animated else _target_mode(picture, fmt)
                if picture.mode == "P" and mode == "RGBA":
                    picture = picture.convert("RGBA")
                clean, options = _pixels_only(picture, mode)
                if max_side:
                    clean.thumbnail((max_side, max_side))
                frames.append(clean)
                durations.append(int(frame.info.get("duration") or 100))
            loop = probe.info.get("loop", 0)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _refuse(_("%(name)s could not be read as a picture.") % {"name": name}) from exc
    except Image.DecompressionBombError as exc:
        raise _refuse(
            _("%(name)s has too many pixels (at most %(max)s million).")
            % {"name": name, "max": MAX_PIXELS // 1_000_000}
        ) from exc
    timing = {"duration": durations, "loop": loop if isinstance(loop, int) else 0}
    content = _encode(frames, options, fmt, quality=quality, timing=timing)
    return CleanImage(
        content=content,
        content_type=CONTENT_TYPES[fmt],
        format=fmt,
        width=frames[0].width,
        height=frames[0].height,
    )
