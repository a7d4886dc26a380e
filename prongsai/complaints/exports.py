"""The O16 statistics as machine-readable files (CSV and JSON): the same figures as the public
page and the PDF, suppressed the same way. The public page sends them on request; the published
versions (``prongsai.publications``) are rendered by the documents worker from the same code."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from prongsai.organizations.models import Unit
from prongsai.spreadsheets import writer

from . import selectors


def statistics_json(unit: Unit, data: selectors.Statistics) -> bytes:
    payload = {
        "unit": unit.slug,
        "fiscal_year": data.year,
        "threshold": data.threshold,
        "periods": [
            {
                "period": row.key,
                "label": row.label,
                "no_complaints": row.empty,
                **row.cells,
                "median_days_to_acknowledge": row.median_ack,
                "median_days_to_conclude": row.median_conclude,
            }
            for row in data.rows
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1).encode()


def statistics_csv(data: selectors.Statistics) -> bytes:
    labels = selectors.measure_labels()
    header = [
        _("Period"),
        *[labels[m] for m in selectors.MEASURES],
        _("Median days to acknowledge"),
        _("Median days to conclude"),
    ]
    rows = [
        [
            row.label,
            *[
                (_("No complaints") if row.empty and m == "received" else row.cells[m])
                for m in selectors.MEASURES
            ],
            row.median_ack,
            row.median_conclude,
        ]
        for row in data.rows
    ]
    return writer.csv_bytes([header, *rows])
