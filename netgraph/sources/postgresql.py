"""A PostgreSQL database (``postgresql://USER@HOST/DB``): a career center's warehouse.

Read and written through SQLAlchemy with the psycopg driver; the four tables are
database tables of the same names (see :mod:`netgraph.sources._sql`). The same
validation as every other source; ``log`` writes in one transaction holding an
advisory lock, so two writers never interleave.
"""

from __future__ import annotations

from collections.abc import Iterator

from netgraph.sources._sql import SqlStore

__all__ = ["PostgresStore"]

CONNECT_TIMEOUT_SECONDS = 10
"""How long to wait for the server before saying it cannot be reached."""


class PostgresStore(SqlStore):
    """A PostgreSQL database given by URL.

    Parameters
    ----------
    url
        ``postgresql://USER[:PASSWORD]@HOST[:PORT]/DB`` (``postgresql+psycopg://``
        also works; a socket folder goes in ``?host=/path``).

    Examples
    --------
    >>> PostgresStore("postgresql://me:secret@db.example/career").location
    'postgresql://me:***@db.example/career'
    """

    kind = "postgresql"
    order_by = "ctid"
    dialect_name = "PostgreSQL database"

    def __init__(self, url: str) -> None:
        super().__init__()
        self._url = url

    @property
    def location(self) -> str:  # noqa: D102
        from sqlalchemy.engine import make_url

        return make_url(self._url).render_as_string(hide_password=True)

    def url(self) -> str:
        """Return the URL with the psycopg (3) driver that netgraph installs."""
        scheme, sep, rest = self._url.partition("://")
        if scheme in ("postgresql", "postgres"):
            scheme = "postgresql+psycopg"
        return f"{scheme}{sep}{rest}"

    def engine_options(self) -> dict:  # noqa: D102
        return {"connect_args": {"connect_timeout": CONNECT_TIMEOUT_SECONDS}}

    def lock(self, conn) -> None:
        """Hold a transaction-scoped advisory lock: one netgraph writer at a time."""
        import sqlalchemy as sa

        conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext('netgraph'))"))

    def table_names(self, conn) -> list[str]:  # noqa: D102
        import sqlalchemy as sa

        return sa.inspect(conn).get_table_names()

    def table_digest(self, conn, quoted: str, sa) -> Iterator[bytes]:
        """Row count and an order-free sum of row hashes, computed by the server."""
        row = conn.execute(
            sa.text(
                f"SELECT count(*), coalesce(sum(hashtextextended(t::text, 0)), 0) "
                f"FROM {quoted} AS t"
            )
        ).one()
        yield f"{quoted}:{row[0]}:{row[1]};".encode()
