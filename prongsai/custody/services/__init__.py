"""Custody writes: one keyword-only function per change, in one transaction, audited.

``property`` — the property register, loans and counts, and the unit's custody settings;
``evidence`` — the seized-evidence register (appended, hash-chained) and audited reads;
``reconciliation`` — counts of the evidence room against the register.
"""
