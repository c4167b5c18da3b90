"""Pages of the portfolio, by subject: artifacts (the portfolio, work samples, test plans,
benchmarks, the public page's choices) and profile (the profile page, editor, import and
export, whose document lists the portfolio's linked work samples)."""
