"""What changed between two submission snapshots (round n − 1 → round n), for reviewers.

A snapshot is plain JSON data:

    {"format": 1,
     "profile": {...the skill-profile document...},
     "artifacts": {"rubrics": [...], "benchmarks": [...], "test_plans": [...],
                   "work_samples": [...]}}

The profile is compared field by field, down nested paths (availability.hours_per_week).
Artifacts are matched by kind and "id": each is added, removed, changed (with its changed
fields) or unchanged. Inside any value:
- a missing key, null, "" and an empty list or object all mean "nothing there", so a
  snapshot written before a field existed does not show that field as changed;
- lists of strings (and other plain values) report the items added and removed;
- lists of objects are matched by a natural key ("id", "score", "title" or "name") when
  every object has a distinct one, otherwise by aligning equal objects in order;
- a file (an object with a "sha256") is "replaced" when its content hash changed, and only
  renamed when the hash is the same;
- long text gets a word-level diff (line-level when very long).

Any JSON is accepted: malformed parts are read as empty rather than refused, because a diff
is a reading aid and must never stop a reviewer from opening a round.
"""
