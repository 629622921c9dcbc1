import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from psycopg import sql


class Command(BaseCommand):
    help = "Create the PostgreSQL database named in DATABASE_URL if it does not exist yet."

    def handle(self, **options):
        connection = connections["default"]
        if connection.vendor != "postgresql":
            self.stdout.write("SQLite: the database file is made on first use.")
            return
        config = connection.settings_dict
        name = config["NAME"]
        try:
            with psycopg.connect(
                dbname="postgres",
                host=config.get("HOST") or None,
                port=config.get("PORT") or None,
                user=config.get("USER") or None,
                password=config.get("PASSWORD") or None,
                autocommit=True,
            ) as server:
                exists = server.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [name]
                ).fetchone()
                if exists:
                    self.stdout.write(f"Database {name} exists.")
                    return
                server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as error:
            raise CommandError(f"Could not create database {name}: {error}") from None
        self.stdout.write(f"Created database {name}.")
