"""Decisions: a note and the time of their status change; tasks: a note on their status; and the
decisions' search index (lib.search): the stored search text, and on it an FTS5 trigram table
with triggers (SQLite) or a pg_trgm GIN index (PostgreSQL), as network.0006_search_index."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from sozialraum.lib.search import TrigramIndex, document

INDEX = TrigramIndex(table="minutes_decision", key_field="search_text")
BATCH = 1000


def fill_search_text(apps, schema_editor):
    Decision = apps.get_model("minutes", "Decision")
    alias = schema_editor.connection.alias
    batch = []
    for decision in Decision.objects.using(alias).only("text").iterator(chunk_size=BATCH):
        decision.search_text = document(decision.text)
        batch.append(decision)
    Decision.objects.using(alias).bulk_update(batch, ["search_text"], batch_size=BATCH)


def install(apps, schema_editor):
    for sql in INDEX.install_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def uninstall(apps, schema_editor):
    for sql in INDEX.uninstall_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('minutes', '0002_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='decision',
            name='status_changed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='decision',
            name='status_changed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='decision',
            name='status_note',
            field=models.TextField(blank=True, verbose_name='Vermerk zum Status'),
        ),
        migrations.AddField(
            model_name='task',
            name='status_note',
            field=models.TextField(blank=True, verbose_name='Vermerk zum Status'),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(install, uninstall),
    ]
