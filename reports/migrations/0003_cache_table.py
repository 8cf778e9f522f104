"""The table of the database cache (settings.CACHES, CACHE_URL=dbcache://…): created with the
schema, so that no deployment step can forget `createcachetable`. Does nothing when no
database cache is configured."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_default_worker_keywords")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
