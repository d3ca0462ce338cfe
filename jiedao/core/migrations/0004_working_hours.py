"""Hour deadlines count working hours; 紧急 rules that were in hours keep counting round the clock.

Before this migration every rule in "hours" counted clock hours. From now on "hours" are working
hours and "clock_hours" count 24×7. Existing 紧急 rules in hours become clock_hours, so an urgent
event is still due in the night it was reported; other rules in hours now count working hours,
which is the point of the change. Deadlines already stored on cases are not recomputed.
"""

import jiedao.core.workhours
from django.db import migrations, models


def urgent_hours_round_the_clock(apps, schema_editor):
    SLAPolicy = apps.get_model("core", "SLAPolicy")
    urgent = SLAPolicy.objects.filter(urgency="urgent")
    urgent.filter(sign_unit="hours").update(sign_unit="clock_hours")
    urgent.filter(resolve_unit="hours").update(resolve_unit="clock_hours")


def urgent_back_to_hours(apps, schema_editor):
    SLAPolicy = apps.get_model("core", "SLAPolicy")
    SLAPolicy.objects.filter(sign_unit="clock_hours").update(sign_unit="hours")
    SLAPolicy.objects.filter(resolve_unit="clock_hours").update(resolve_unit="hours")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_staff_profile_areas_token_use'),
    ]

    operations = [
        migrations.AddField(
            model_name='jurisdiction',
            name='working_hours',
            field=models.CharField(default='08:30-12:00,13:30-17:30', help_text='按“工作小时”计的时限只在工作日（含调休上班日，不含法定节假日）的这些时段内计时，北京时间，如 08:30-12:00,13:30-17:30；只影响此后开始计时的案件。', max_length=100, validators=[jiedao.core.workhours.validate_working_hours], verbose_name='工作时间'),
        ),
        migrations.AlterField(
            model_name='slapolicy',
            name='resolve_unit',
            field=models.CharField(choices=[('hours', '工作小时'), ('clock_hours', '小时（全天候）'), ('working_days', '工作日'), ('calendar_days', '自然日')], default='working_days', max_length=15),
        ),
        migrations.AlterField(
            model_name='slapolicy',
            name='sign_unit',
            field=models.CharField(choices=[('hours', '工作小时'), ('clock_hours', '小时（全天候）'), ('working_days', '工作日'), ('calendar_days', '自然日')], default='hours', max_length=15),
        ),
        migrations.RunPython(urgent_hours_round_the_clock, urgent_back_to_hours),
    ]
