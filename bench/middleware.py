"""Counts the SQL queries of each request into an X-Bench-Queries response header, and the
time Django spent on it into X-Bench-Ms."""

import time

from django.db import connection


def query_count(get_response):
    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        began = time.perf_counter()
        with connection.execute_wrapper(counter):
            response = get_response(request)
        response["X-Bench-Queries"] = str(count)
        response["X-Bench-Ms"] = f"{(time.perf_counter() - began) * 1000:.2f}"
        return response

    return middleware
