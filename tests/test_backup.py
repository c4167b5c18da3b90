"""make backup / make restore: a PostgreSQL round trip that keeps every row."""

import os
import secrets
import subprocess
import sys

import psycopg
import pytest
from psycopg import sql

from tests.servers import PG_ADMIN_URL, ROOT, pg_admin


def _server_url(dbname: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + dbname


@pytest.fixture
def scratch_databases():
    """Two empty databases on the PostgreSQL server, dropped afterwards."""
    admin = pg_admin("the backup round trip")
    names = [f"ef_backup_{secrets.token_hex(4)}_{side}" for side in ("source", "restored")]
    with admin:
        for name in names:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield [_server_url(name) for name in names]
        finally:
            for name in names:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in tables
        }


# The demo database `make demo` makes (migrate, then seed_demo), in one process: starting the
# project once rather than twice.
MIGRATE_AND_SEED = """
from django.core.management import call_command
call_command("migrate", interactive=False)
call_command("seed_demo")
"""


def run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=True)


def test_backup_and_restore_round_trip_keeps_every_row(scratch_databases, tmp_path):
    source, restored = scratch_databases
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env = {**base, "DATABASE_URL": source, "EXPERTFOLIO_UPLOAD_ROOT": str(tmp_path / "up")}
    run(env, sys.executable, "manage.py", "shell", "-c", MIGRATE_AND_SEED)
    before = row_counts(source)
    assert before["profiles_user"] == 3 and sum(before.values()) > 20

    backup = run(env, "make", "--no-print-directory", "backup", f"BACKUP_DIR={tmp_path / 'bk'}")
    dumps = list((tmp_path / "bk").glob("expertfolio-*.dump"))
    assert len(dumps) == 1 and str(dumps[0]) in backup.stdout
    assert list((tmp_path / "bk").glob("expertfolio-*.uploads.tar.gz"))

    restore_env = {**env, "DATABASE_URL": restored, "EXPERTFOLIO_UPLOAD_ROOT": str(tmp_path / "r")}
    run(restore_env, "make", "--no-print-directory", "restore", f"FILE={dumps[0]}")
    assert row_counts(restored) == before
    # The uploaded files come back too.
    originals = sorted(p.name for p in (tmp_path / "up").rglob("*") if p.is_file())
    assert sorted(p.name for p in (tmp_path / "r").rglob("*") if p.is_file()) == originals

    # Restoring again over the restored database replaces it rather than doubling it.
    run(restore_env, "make", "--no-print-directory", "restore", f"FILE={dumps[0]}")
    assert row_counts(restored) == before


def test_backup_refuses_a_non_postgres_database(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
    result = subprocess.run(
        ["make", "--no-print-directory", "backup"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "needs DATABASE_URL=postgres://" in result.stderr
