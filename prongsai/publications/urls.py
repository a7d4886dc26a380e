from django.urls import path, register_converter

from . import views


class PeriodConverter:
    """A period code: ``2566-10`` (a month), ``q1``–``q4``, ``h1``/``h2``, ``year``."""

    regex = r"[0-9]{4}-[0-9]{2}|q[1-4]|h[12]|year"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FormatConverter:
    regex = r"pdf|docx|xlsx|csv|json|png"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PeriodConverter, "period")
register_converter(FormatConverter, "docformat")

app_name = "publications"

_SERIES = "p/<slug:slug>/<int:year>/data/<slug:series>/"

urlpatterns = [
    path("p/<slug:slug>/<int:year>/data/", views.data_index, name="data_index"),
    path(_SERIES, views.series_index, name="series"),
    path(_SERIES + "<period:period>.<docformat:fmt>", views.file, name="file"),
    path(
        _SERIES + "<period:period>/v<int:version>.<docformat:fmt>",
        views.version_file,
        name="version_file",
    ),
]
