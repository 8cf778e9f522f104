from django.db import migrations


def forwards(apps, schema_editor):
    from reports.keywords import seed_keywords

    seed_keywords(apps)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
