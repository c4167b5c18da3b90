"""Pages of the portfolio, by subject: pages (the portfolio and the public page's choices),
work_samples, test_plans and benchmarks (with what their editor pages share, in editing), and
profile (the profile page, editor, import and export, whose document lists the portfolio's
linked work samples)."""
