"""The roll-up reads other apps' data (selectors, score snapshots); it keeps nothing of its own
yet."""
