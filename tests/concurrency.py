"""Run the same attempt in several threads at once, each with its own database connection."""

import threading

from django.db import connections


def race(count, attempt):
    """Run attempt(i) in `count` threads released together; return their results (or errors)."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        try:
            barrier.wait(timeout=30)
            results[i] = attempt(i)
        except Exception as error:  # recorded and asserted on by the caller
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results
