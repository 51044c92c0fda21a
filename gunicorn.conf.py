"""gunicorn settings for Sozialraum (`make run` uses this file; so can a systemd unit).

Request bodies are capped in the application (sozialraum.middleware.request_body_limit) and in
the reverse proxy (client_max_body_size, docs/deployment.md); gunicorn has no body limit of its
own, but it limits what it reads before the application sees anything.
"""

# The request line (method, path, query) and the headers: bounded, so a slow or huge header
# block cannot tie up a worker.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# A worker that takes longer than this for one request is restarted (the import is the slowest
# page and stays well below).
timeout = 60
graceful_timeout = 30
keepalive = 5
# Fresh workers now and then keep memory growth from a long-running process in check.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
loglevel = "warning"

# The application is loaded once in the master before the workers are forked, so what it loads
# at start-up is shared by every worker (copy-on-write) and a fresh worker costs nothing more.
preload_app = True


def when_ready(server):
    """Load the identifier guard's name lists (issue 12: "loaded at start-up") and the German
    nouns of the search's decompounding at start-up (2-4 s each, once), not on a worker's first
    consultation or search; then freeze what the master holds.

    gc.freeze() moves every object loaded so far (Django, the apps, the name lists) into the
    garbage collector's permanent generation: a worker's full collections no longer walk them
    (one such walk cost about 0.2 s of CPU in a worker, a few ms per request on average, issue
    8), and the shared pages stay shared instead of being copied when the collector touches
    them. The Python documentation recommends it for pre-forking servers."""
    import gc

    from sozialraum.consultations.guard.lexicon import lexicon
    from sozialraum.lib.german import lexicon as german_nouns

    lexicon()
    german_nouns()
    gc.freeze()
