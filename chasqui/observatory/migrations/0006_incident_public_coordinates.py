from django.db import migrations, models

from chasqui.observatory.public import public_point


def fill_public_coordinates(apps, schema_editor):
    """Existing incidents get the coordinates their save() would now keep."""
    incident_model = apps.get_model("observatory", "IncidentPage")
    located = incident_model.objects.filter(latitude__isnull=False, longitude__isnull=False)
    for incident in located.only("latitude", "longitude", "is_sensitive").iterator():
        incident.public_latitude, incident.public_longitude = public_point(incident)
        incident.save(update_fields=["public_latitude", "public_longitude"])


class Migration(migrations.Migration):
    dependencies = [
        ("observatory", "0005_bulletin_incidents_beside_source_archives"),
    ]

    operations = [
        migrations.AddField(
            model_name="incidentpage",
            name="public_latitude",
            field=models.DecimalField(decimal_places=5, editable=False, max_digits=8, null=True),
        ),
        migrations.AddField(
            model_name="incidentpage",
            name="public_longitude",
            field=models.DecimalField(decimal_places=5, editable=False, max_digits=8, null=True),
        ),
        migrations.RunPython(fill_public_coordinates, migrations.RunPython.noop),
    ]
