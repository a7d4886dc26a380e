"""Which OIT item each page of the site is evidence of, per framework variant.

The codes differ between frameworks (2567 police: O1 structure … O18 the head's involvement;
2569 general: O1 structure and duties …). A page whose item the assessment's framework lacks is
simply not attached.
"""

from __future__ import annotations

from prongsai.assessments.models import Assessment

ITEMS: dict[str, dict[str, str]] = {
    "police": {
        "structure": "O1",
        "authority": "O2",
        "laws": "O3",
        "contact": "O4",
        "performance": "O5",
        "ita": "O5",
        "anti-corruption": "O18",
        "no-gift": "O17",
        "ethics": "O21",
    },
    "general": {
        "structure": "O1",
        "authority": "O1",
        "contact": "O3",
        "performance": "O4",
        "ita": "O4",
        "anti-corruption": "O19",
        "no-gift": "O20",
        "ethics": "O15",
    },
}


def item_code_for(assessment: Assessment, what: str) -> str | None:
    return ITEMS.get(assessment.framework.variant, ITEMS["police"]).get(what)
