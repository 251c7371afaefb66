from django.db import migrations
from django.utils.text import slugify

# Peru's 24 departments plus the Constitutional Province of Callao, with capitals.
REGIONS = [
    ("Amazonas", "Chachapoyas"),
    ("Áncash", "Huaraz"),
    ("Apurímac", "Abancay"),
    ("Arequipa", "Arequipa"),
    ("Ayacucho", "Ayacucho"),
    ("Cajamarca", "Cajamarca"),
    ("Callao", "Callao"),
    ("Cusco", "Cusco"),
    ("Huancavelica", "Huancavelica"),
    ("Huánuco", "Huánuco"),
    ("Ica", "Ica"),
    ("Junín", "Huancayo"),
    ("La Libertad", "Trujillo"),
    ("Lambayeque", "Chiclayo"),
    ("Lima", "Lima"),
    ("Loreto", "Iquitos"),
    ("Madre de Dios", "Puerto Maldonado"),
    ("Moquegua", "Moquegua"),
    ("Pasco", "Cerro de Pasco"),
    ("Piura", "Piura"),
    ("Puno", "Puno"),
    ("San Martín", "Moyobamba"),
    ("Tacna", "Tacna"),
    ("Tumbes", "Tumbes"),
    ("Ucayali", "Pucallpa"),
]


def load_regions(apps, schema_editor):
    Region = apps.get_model("news", "Region")
    for name, capital in REGIONS:
        Region.objects.get_or_create(slug=slugify(name), defaults={"name": name, "capital": capital})


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(load_regions, migrations.RunPython.noop)]
