from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig


class StaticFilesConfig(DjangoStaticFilesConfig):
    """collectstatic skips the Bootstrap builds we never load (RTL, grid-only, unminified,
    ESM): fewer files to hash and compress at every production start."""

    ignore_patterns = [
        *DjangoStaticFilesConfig.ignore_patterns,
        "*.rtl.*",
        "bootstrap-grid.*",
        "bootstrap-reboot.*",
        "bootstrap-utilities.*",
        "bootstrap.css",
        "bootstrap.css.map",
        "bootstrap.js",
        "bootstrap.js.map",
        "bootstrap.min.js",
        "bootstrap.min.js.map",
        "bootstrap.esm.*",
        "bootstrap.bundle.js",
        "bootstrap.bundle.js.map",
    ]
