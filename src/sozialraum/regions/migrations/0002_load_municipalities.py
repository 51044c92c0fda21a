from django.db import migrations


def load(apps, schema_editor):
    from sozialraum.regions.municipalities import load_municipalities

    load_municipalities(apps.get_model("regions", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
