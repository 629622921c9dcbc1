"""Counters shared by every process when there is no Redis: Django's database cache, with an
increment that is atomic across processes (django-ratelimit counts with add() and incr();
Django's own incr reads, then writes, and resets the expiry) and an add() in one statement
(Django's counts the whole table before every write, on the hot paths of rate limits and view
marks). Nothing is culled on write: the worker deletes what expired every hour."""

import base64
import pickle
from datetime import UTC, datetime

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.utils import timezone


class SharedDatabaseCache(DatabaseCache):
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        made = self.make_and_validate_key(key, version=version)
        seconds = self.get_backend_timeout(timeout)
        expires = datetime.max if seconds is None else datetime.fromtimestamp(seconds, tz=UTC)
        using = router.db_for_write(self.cache_model_class)
        connection = connections[using]
        quote = connection.ops.quote_name
        table = quote(self._table)
        key_column, value_column, expires_column = (
            quote(name) for name in ("cache_key", "value", "expires")
        )
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        adapt = connection.ops.adapt_datetimefield_value
        # A new key is inserted; an expired one is replaced; a live one is left alone (0 rows).
        # A database that refuses the write (read-only, full) is a miss, as in Django's add().
        try:
            with transaction.atomic(using=using), connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) "
                    f"VALUES (%s, %s, %s) ON CONFLICT ({key_column}) DO UPDATE SET "
                    f"{value_column} = excluded.{value_column}, "
                    f"{expires_column} = excluded.{expires_column} "
                    f"WHERE {table}.{expires_column} < %s",
                    [made, encoded, adapt(expires.replace(microsecond=0)), adapt(timezone.now())],
                )
                return cursor.rowcount == 1
        except DatabaseError:
            return False

    def incr(self, key, delta=1, version=None):
        made = self.make_and_validate_key(key, version=version)
        using = router.db_for_write(self.cache_model_class)
        connection = connections[using]
        quote = connection.ops.quote_name
        table, value_column, key_column = quote(self._table), quote("value"), quote("cache_key")
        # SQLite: the transaction is IMMEDIATE (settings/database.py), so it holds the write
        # lock from its start; PostgreSQL: the row is locked until the update.
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value_column} FROM {table} WHERE {key_column} = %s{lock}", [made]
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            stored = connection.ops.process_clob(row[0])
            value = pickle.loads(base64.b64decode(stored.encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s", [encoded, made]
            )
        return value
