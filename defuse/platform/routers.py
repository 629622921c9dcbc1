"""Reads of views wrapped in `reads_from_replica` (analytics and dashboards) go to a read replica
when one is configured (REPLICA_DATABASE_URL); everything else, and every write, goes to the
primary."""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

REPLICA = "replica"
_on_replica: ContextVar[bool] = ContextVar("defuse_on_replica", default=False)


@contextmanager
def replica_reads():
    token = _on_replica.set(True)
    try:
        yield
    finally:
        _on_replica.reset(token)


def reads_from_replica(view):
    """For views that only read aggregates: a replica's small lag does not matter there."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with replica_reads():
            return view(request, *args, **kwargs)

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _on_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
