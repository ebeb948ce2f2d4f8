from django.db import migrations

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION humas_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'humas_auditentry is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER humas_auditentry_append_only
    BEFORE UPDATE OR DELETE ON humas_auditentry
    FOR EACH ROW EXECUTE FUNCTION humas_audit_append_only();
"""

DROP_APPEND_ONLY = """
DROP TRIGGER IF EXISTS humas_auditentry_append_only ON humas_auditentry;
DROP FUNCTION IF EXISTS humas_audit_append_only();
"""


def create_roles(apps, schema_editor):
    # Groups are created here; their permissions are (re)set after every migrate by
    # humas.roles.sync_roles, once every app's permissions exist.
    from humas.roles import Role

    Group = apps.get_model("auth", "Group")
    for role in Role:
        Group.objects.get_or_create(name=role.value)


class Migration(migrations.Migration):
    dependencies = [("humas", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunSQL(APPEND_ONLY, DROP_APPEND_ONLY),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
