"""Synthetic experts planned for seed_scale, from (seed, number) alone: experts (the
account, profile and artifacts as unsaved rows), artifacts, and rounds (what happened next).
The same arguments always give the same expert."""
