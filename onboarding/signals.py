"""What onboarding tells the apps above it, which it may not import (tests/test_layering.py).

round_decided is sent inside the decision's transaction, after the round is saved: a receiver
that writes (credentials issues the approval's credential) commits or rolls back with the
decision, and an error it raises undoes the decision.
"""

from django.dispatch import Signal

# Keyword arguments: round (the decided Round), actor (who made the decision).
round_decided = Signal()
