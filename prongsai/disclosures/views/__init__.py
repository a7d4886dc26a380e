"""Views of the OIT workspace, the evaluator console and the exports (thin: access helper →
form → service/selector → render). The public pages are in prongsai/portal/oit_views.py."""
