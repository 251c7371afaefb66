"""History actions become a fixed vocabulary (MemberAction); a Gift Aid declaration made on joining,
once logged as "gift_aid", is now "gift_aid_declared" like one made in the members' area."""

from django.db import migrations, models

OLD_JOIN_GIFT_AID = "gift_aid"
GIFT_AID_DECLARED = "gift_aid_declared"


def unify_gift_aid_action(apps, schema_editor):
    MemberEvent = apps.get_model("membership", "MemberEvent")
    MemberEvent.objects.filter(action=OLD_JOIN_GIFT_AID).update(action=GIFT_AID_DECLARED)


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0002_membership_secretary_group"),
    ]

    operations = [
        migrations.AlterField(
            model_name="memberevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("joined", "Joined"),
                    ("created", "Added by the secretary"),
                    ("edit", "Edited by the secretary"),
                    ("imported", "Imported"),
                    ("import", "Changed by an import"),
                    ("status", "Status changed"),
                    ("payment", "Payment recorded"),
                    ("payment_failed", "Card payment failed"),
                    ("plan", "Plan changed"),
                    ("next_plan", "Plan from next renewal"),
                    ("payment_method", "Payment method changed"),
                    ("address", "Address changed"),
                    ("bulletin_consent", "Bulletin consent changed"),
                    ("gift_aid_declared", "Gift Aid declared"),
                    ("gift_aid_cancelled", "Gift Aid cancelled"),
                    ("stripe_subscription", "Card subscription"),
                    ("erased", "Personal data erased"),
                ],
                max_length=60,
            ),
        ),
        # Old rows stay readable: the one action spelled two ways now has one spelling.
        migrations.RunPython(unify_gift_aid_action, migrations.RunPython.noop),
    ]
