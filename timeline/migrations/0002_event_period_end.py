"""Event.period_end: the last day an event may cover, for date-range filters."""

import calendar
import datetime as dt

from django.db import migrations, models


def fill_period_end(apps, schema_editor):
    Event = apps.get_model("timeline", "Event")
    for event in Event.objects.all().iterator():
        day = event.date
        if event.end_date:
            end = event.end_date
        elif event.precision == "year":
            end = dt.date(day.year, 12, 31)
        elif event.precision == "month":
            end = dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        else:
            end = day
        Event.objects.filter(pk=event.pk).update(period_end=end)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="period_end",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.RunPython(fill_period_end, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="event",
            name="period_end",
            field=models.DateField(
                editable=False,
                help_text="The last day the event may cover (end date, or the end of its month or year): what date-range filters compare with.",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["period_end"], name="event_period_end"),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(("period_end__gte", models.F("date"))),
                name="event_period_end_after_date",
            ),
        ),
    ]
