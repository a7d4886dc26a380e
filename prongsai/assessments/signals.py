"""Signals other apps listen to (apps higher in the data flow react; we never import them)."""

from django.dispatch import Signal

# Sent inside the opening transaction with ``assessment`` and ``actor``. The disclosures app copies
# evidence mapped by the framework's carry_forward into the new assessment as drafts.
assessment_opened = Signal()

# Sent inside the writer's transaction with ``assessment_id`` whenever something the score reads
# changed (``assessment_touch_inputs``). The scoring app asks for a new snapshot (a task).
inputs_changed = Signal()
