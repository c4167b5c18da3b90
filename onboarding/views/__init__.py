"""Pages of onboarding, submitting and reviewing, by page: dashboard, submit, rounds (a round's
page and what is done there), review (the queue and calibration) and files."""
