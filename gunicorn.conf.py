"""gunicorn settings read automatically from the project root by `make run` and `make bench`.

The access log records the path without its query string: searches such as
`/registry/residents/?q=<phone or ID number>` must not leave personal data in logs.
"""

access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
