"""An index on Wagtail's page tree by (depth, slug, path).

Serving /topic/item/ asks for the child with that slug: `depth = d AND path BETWEEN … AND
slug = s`. Without this index SQLite walks all of the topic's children (100,000 under a busy
topic) to find one slug; with it, the lookup is direct."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("hub", "0008_page_depth_path_index")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS defuse_page_depth_slug ON wagtailcore_page (depth, slug, path)",
            "DROP INDEX IF EXISTS defuse_page_depth_slug",
        )
    ]
