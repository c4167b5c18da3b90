"""Django's PostgreSQL backend, with a health check that costs no round trip.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before each request's first query on a kept
connection: on a page served from the page cache, that was one of its two round trips. An
idle connection has nothing to read, so when the socket has nothing waiting the connection is
taken as usable; when the server closed it (a restart, an idle timeout) or sent anything at
all, the socket is readable and Django's `SELECT 1` decides as before.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        connection = self.connection
        if connection.closed:
            return False
        try:
            poller = select.poll()
            poller.register(connection.fileno(), select.POLLIN)
            waiting = poller.poll(0)
        except (AttributeError, OSError, ValueError):
            waiting = True  # no poll() here, or no socket: ask the server
        return not waiting or super().is_usable()
