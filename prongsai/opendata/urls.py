from django.urls import path, register_converter

from . import views


class RdfFormatConverter:
    regex = r"ttl|jsonld"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RdfFormatConverter, "rdfformat")

app_name = "opendata"

# ckanext-dcat's addresses, so that a CKAN DCAT harvester (data.go.th) finds them as it expects.
urlpatterns = [
    path("catalog.<rdfformat:rdf_format>", views.catalog, name="catalog"),
    path("catalog/", views.catalog_page, name="catalog_page"),
    path("dataset/<uuid:dataset_id>.<rdfformat:rdf_format>", views.dataset_rdf, name="dataset_rdf"),
    path("dataset/<uuid:dataset_id>/", views.dataset_page, name="dataset"),
    path("u/<slug:slug>/datasets/", views.unit_datasets, name="unit_datasets"),
    path("u/<slug:slug>/datasets/<slug:series>/", views.unit_dataset_edit, name="unit_dataset"),
]
