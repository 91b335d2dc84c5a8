from django.db import migrations

from booking.db import CREATE_SQL, DROP_SQL, PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]

    operations = [PostgresOnlySQL(CREATE_SQL, DROP_SQL)]
