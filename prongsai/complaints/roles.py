"""The two complaint roles, in the organisations' role registry (both log in with a second
factor): handlers work the cases without ever seeing who complained; identity custodians may
reveal a complainant's identity, with a reason, and every reveal is audited."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.organizations.duties import RoleRule, register_role

HANDLER = "complaint_handler"
CUSTODIAN = "identity_custodian"


def register_roles() -> None:
    register_role(RoleRule(HANDLER, _("Complaint handler"), second_factor=True))
    register_role(
        RoleRule(
            CUSTODIAN,
            _("Identity custodian (complaints)"),
            # The unit's head confirms who may see complainants' names.
            confirmed_by_head=True,
            # Nobody reveals the identity in the cases they handle themselves.
            conflicts_with=frozenset({HANDLER}),
            second_factor=True,
        )
    )
