"""Counts the SQL queries of each request into an X-Bench-Queries response header, names them
in X-Bench-Sql (each one's verb and first table, so a request that ran one more than the
page's others says which), and puts the time Django spent on it into X-Bench-Ms."""

import re
import time

from django.db import connection

_VERB = re.compile(r"(\(*)\s*(\w+)")
# A parenthesis, or the keyword before a table's name (and the name).
_TOKEN = re.compile(r'[()]|\b(?:FROM|INTO|UPDATE)\s+"?(\w+)', re.IGNORECASE)


def query_name(sql: str) -> str:
    """A query's verb and its own first table, not a subquery's: "SELECT portfolio_review"."""
    verb = _VERB.match(sql)
    if verb is None:
        return "?"
    own = depth = len(verb.group(1))  # a union's parts each open a parenthesis
    for token in _TOKEN.finditer(sql, verb.start(2)):
        if token.group(0) == "(":
            depth += 1
        elif token.group(0) == ")":
            depth -= 1
        elif depth == own:
            return f"{verb.group(2).upper()} {token.group(1)}"
    return verb.group(2).upper()


def query_count(get_response):
    def middleware(request):
        names = []

        def counter(execute, sql, params, many, context):
            names.append(query_name(sql))
            return execute(sql, params, many, context)

        began = time.perf_counter()
        with connection.execute_wrapper(counter):
            response = get_response(request)
        response["X-Bench-Queries"] = str(len(names))
        response["X-Bench-Sql"] = ", ".join(names)
        response["X-Bench-Ms"] = f"{(time.perf_counter() - began) * 1000:.2f}"
        return response

    return middleware
