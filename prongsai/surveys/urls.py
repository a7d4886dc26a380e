from django.urls import path, register_converter

from .views import manage, paper_import, public

app_name = "surveys"


class InstrumentConverter:
    """``iit`` / ``eit`` in URLs; ``"IIT"`` / ``"EIT"`` in views."""

    regex = "iit|eit"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return str(value).lower()


register_converter(InstrumentConverter, "instrument")

urlpatterns = [
    # Public: the links and QR codes people answer through.
    path("s/<slug:slug>/<int:year>/eit/", public.eit, name="eit"),
    path("s/<slug:slug>/<int:year>/iit/", public.iit, name="iit"),
    # The unit's survey screens.
    path("u/<slug:slug>/<int:year>/surveys/", manage.overview, name="overview"),
    path("u/<slug:slug>/<int:year>/surveys/setup/", manage.setup, name="setup"),
    path(
        "u/<slug:slug>/<int:year>/surveys/<instrument:instrument>/edit/",
        manage.campaign_edit,
        name="campaign_edit",
    ),
    path(
        "u/<slug:slug>/<int:year>/surveys/<instrument:instrument>/state/",
        manage.campaign_state,
        name="campaign_state",
    ),
    path(
        "u/<slug:slug>/<int:year>/surveys/<instrument:instrument>/answers/csv/",
        manage.export_csv,
        name="export_csv",
    ),
    path(
        "u/<slug:slug>/<int:year>/surveys/<instrument:instrument>/answers/xlsx/",
        manage.export_xlsx,
        name="export_xlsx",
    ),
    path(
        "u/<slug:slug>/<int:year>/surveys/<instrument:instrument>/import/",
        paper_import.import_upload,
        name="import",
    ),
    path("u/<slug:slug>/<int:year>/surveys/iit/codes/", manage.codes_generate, name="codes"),
    path(
        "u/<slug:slug>/<int:year>/surveys/iit/codes/<uuid:batch_id>/slips/",
        manage.slips,
        name="slips",
    ),
    path(
        "u/<slug:slug>/<int:year>/surveys/iit/codes/<uuid:batch_id>/void/",
        manage.batch_void,
        name="batch_void",
    ),
    path("u/<slug:slug>/<int:year>/surveys/eit/qr.svg", manage.qr_svg, name="qr_svg"),
    path("u/<slug:slug>/<int:year>/surveys/eit/qr.png", manage.qr_png, name="qr_png"),
    path("u/<slug:slug>/<int:year>/surveys/eit/poster/", manage.poster_pdf, name="poster"),
]
