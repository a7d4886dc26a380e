"""One sentence per audit action of ``website/services.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields

for action, sentence in {
    "website.image.add": _("A picture was added to the website"),
    "website.profile.update": _("The website profile of %(object)s was changed"),
    "website.profile.publish": _("Website page %(object)s published"),
    "website.executive.add": _("%(object)s was added to the structure chart"),
    "website.executive.delete": _("%(object)s was removed from the structure chart"),
    "website.law.add": _("Law added to the website: %(object)s"),
    "website.law.delete": _("Law removed from the website: %(object)s"),
    "website.policy.save": _("Policy saved: %(object)s"),
    "website.news.add": _("News post written: %(object)s"),
    "website.news.update": _("News post changed: %(object)s"),
    "website.news.delete": _("News post removed: %(object)s"),
    "website.host.add": _("Host name %(object)s now serves the unit's website"),
    "website.host.delete": _("Host name %(object)s no longer serves the unit's website"),
}.items():
    register_action(action, sentence)

register_fields(
    {
        "part": _("part"),
        "widths": _("widths"),
        "items": _("OIT items"),
        "policy": _("policy"),
        "page": _("page"),
        "page_version": _("version"),
        "news_category": _("category"),
        "staff_summary": _("staffing"),
        "authority": _("authority"),
        "duties": _("duties"),
        "area": _("area of responsibility"),
        "line_oa": _("LINE Official Account"),
        "facebook": _("Facebook page"),
        "hours": _("opening hours"),
        "head_name": _("head's name"),
        "head_position": _("head's position"),
        "head_message": _("the head's message"),
        "logo": _("logo"),
        "head_photo": _("head's photo"),
        "area_map": _("map"),
    }
)
