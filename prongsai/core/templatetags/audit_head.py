"""``{% public_audit_head as line %}``: the latest published audit anchor, for public footers."""

from django import template

from prongsai.core.audit_anchor import public_anchor_line

register = template.Library()


@register.simple_tag
def public_audit_head() -> str:
    return public_anchor_line()
