"""An index on Wagtail's page tree by (depth, path).

Wagtail finds a page's children with `depth = d AND path BETWEEN …`; with only the path index
that walks every descendant, 100,000 of them under a busy topic. This index makes it a short
range scan. The table is Wagtail's, so the index is created with plain SQL (same on SQLite and
PostgreSQL)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("hub", "0007_newsletter"), ("wagtailcore", "0098_apitoken")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS defuse_page_depth_path ON wagtailcore_page (depth, path)",
            "DROP INDEX IF EXISTS defuse_page_depth_path",
        )
    ]
