"""The search index of organisations and people (lib.search): a stored search text, and on it an
FTS5 trigram table with triggers (SQLite) or a pg_trgm GIN index (PostgreSQL)."""

from django.db import migrations, models

from sozialraum.lib.search import TrigramIndex, document

INDEXES = [TrigramIndex(table="network_organisation"), TrigramIndex(table="network_person")]
BATCH = 1000


def fill_search_text(apps, schema_editor):
    Organisation = apps.get_model("network", "Organisation")
    Person = apps.get_model("network", "Person")
    alias = schema_editor.connection.alias
    batch = []
    for org in Organisation.objects.using(alias).only("name", "street", "postcode", "city"):
        org.search_text = document(org.name, org.street, org.postcode, org.city)
        batch.append(org)
    Organisation.objects.using(alias).bulk_update(batch, ["search_text"], batch_size=BATCH)
    batch = []
    for person in Person.objects.using(alias).only("first_name", "last_name", "title"):
        person.search_text = document(f"{person.last_name} {person.first_name}", person.title)
        batch.append(person)
    Person.objects.using(alias).bulk_update(batch, ["search_text"], batch_size=BATCH)


def install(apps, schema_editor):
    # Per vendor (schema_editor.connection.vendor): SQLite FTS5, PostgreSQL pg_trgm.
    for index in INDEXES:
        for sql in index.install_sql(schema_editor.connection.vendor):
            schema_editor.execute(sql)


def uninstall(apps, schema_editor):
    for index in INDEXES:
        for sql in index.uninstall_sql(schema_editor.connection.vendor):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0005_sort_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="person",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(install, uninstall),
    ]
