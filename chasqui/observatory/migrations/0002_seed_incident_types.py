from django.db import migrations

# The starting list; editors add, rename and describe types in the admin.
TYPES = [
    ("protest", "Protest", "Protesta"),
    ("clash", "Clash", "Enfrentamiento"),
    ("killing", "Killing", "Asesinato"),
    ("injury", "Injury", "Lesiones"),
    ("detention", "Detention", "Detención"),
    ("defender-attack", "Threat or attack on a defender", "Amenaza o ataque a un defensor"),
    ("legal-action", "Legal action", "Acción legal"),
    ("environmental-damage", "Environmental damage", "Daño ambiental"),
    ("agreement", "Agreement or dialogue", "Acuerdo o diálogo"),
    ("state-of-emergency", "State of emergency", "Estado de emergencia"),
]


def seed_types(apps, schema_editor):
    IncidentType = apps.get_model("observatory", "IncidentType")
    for slug, name, name_es in TYPES:
        IncidentType.objects.get_or_create(slug=slug, defaults={"name": name, "name_es": name_es})


class Migration(migrations.Migration):
    dependencies = [("observatory", "0001_initial")]

    operations = [migrations.RunPython(seed_types, migrations.RunPython.noop)]
