"""Django's PostgreSQL backend, with a health check that costs no round trip.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before each request's first query on a kept
connection: on a page served from the page cache, that was one of its two round trips. An
idle connection has nothing to read, so when the socket has nothing waiting the connection is
taken as usable; when the server closed it (a restart, an idle timeout), the network dropped
it (found by TCP keepalives, see settings), or anything at all is waiting, the socket is
readable and Django's `SELECT 1` decides as before. So it does when the connection is not
idle (a transaction left open or failed).
"""

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        connection = self.connection
        if connection is None or connection.closed:
            return False
        if connection.info.transaction_status != TransactionStatus.IDLE:
            return super().is_usable()
        try:
            poller = select.poll()
            poller.register(connection.fileno(), select.POLLIN)
            waiting = poller.poll(0)
        except (AttributeError, OSError, ValueError):
            waiting = True  # no poll() here, or no socket: ask the server
        return not waiting or super().is_usable()
