"""The two custody roles, in the organisations' role registry.

* ``property_custodian`` keeps the property register: items, loans and returns, counts. (The
  unit's editors and admins may do the same.)
* ``evidence_custodian`` keeps the register of seized evidence: intake, transfers, examinations,
  return or disposal, corrections and the evidence room's reconciliations. Nobody else writes
  there; others of the unit may read it, and every such read is audited. The head confirms who
  holds it, and it logs in with a second factor.

(The complaints' ``identity_custodian`` is a different role, of another app.)
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.organizations.duties import RoleRule, register_role

PROPERTY_CUSTODIAN = "property_custodian"
EVIDENCE_CUSTODIAN = "evidence_custodian"


def register_roles() -> None:
    register_role(RoleRule(PROPERTY_CUSTODIAN, _("Property custodian")))
    register_role(
        RoleRule(
            EVIDENCE_CUSTODIAN,
            _("Custodian of seized evidence"),
            confirmed_by_head=True,
            second_factor=True,
        )
    )
