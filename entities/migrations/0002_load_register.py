"""Every database starts with the register of the story (extraction/data/register.json)."""

from django.db import migrations


def load_register(apps, schema_editor):
    from entities.services import register_sync

    register_sync(entity_model=apps.get_model("entities", "Entity"), alias_model=apps.get_model("entities", "Alias"))


class Migration(migrations.Migration):
    dependencies = [("entities", "0001_initial")]

    operations = [migrations.RunPython(load_register, migrations.RunPython.noop)]
