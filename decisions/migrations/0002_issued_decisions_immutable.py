"""Database guard: an issued decision and its awardees never change (only the PDF fields of
the decision may still be written, by the rendering task). Triggers for SQLite and PostgreSQL;
services and models refuse first with a Vietnamese message, this is the last line.

Caution for later migrations on SQLite: an ALTER that makes Django rebuild these tables drops
their triggers; such a migration must run this one's SQL again."""

from django.db import migrations

DECISION_FIXED = [
    "issuer_id", "campaign_id", "form_id", "doc_type_id", "status", "number", "date",
    "abbreviation", "title", "reason", "bases", "proposals", "money_placement",
    "funding_source", "rules_reference", "executors", "recipients", "signing_mode",
    "signer_name", "individual_amount", "collective_amount", "household_amount",
    "created_at", "signed_by_id", "signed_at",
]
AWARD_FIXED = [
    "decision_id", "entry_id", "position", "subject_kind", "name", "description", "unit_id",
    "amount", "award_id", "token",
]
PDF_COLUMNS = ["pdf", "pdf_sha256", "pdf_status", "pdf_error"]
MESSAGE = "issued decision is immutable"

SQLITE = [
    f"""CREATE TRIGGER decisions_decision_issued_no_update BEFORE UPDATE ON decisions_decision
    FOR EACH ROW WHEN OLD.status = 'issued' AND ({" OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in DECISION_FIXED)})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER decisions_decision_issued_no_delete BEFORE DELETE ON decisions_decision
    FOR EACH ROW WHEN OLD.status = 'issued'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER decisions_award_issued_no_update BEFORE UPDATE ON decisions_decisionaward
    FOR EACH ROW WHEN (SELECT status FROM decisions_decision WHERE id = OLD.decision_id) = 'issued'
    AND ({" OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in AWARD_FIXED)})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER decisions_award_issued_no_delete BEFORE DELETE ON decisions_decisionaward
    FOR EACH ROW WHEN (SELECT status FROM decisions_decision WHERE id = OLD.decision_id) = 'issued'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS decisions_decision_issued_no_update;",
    "DROP TRIGGER IF EXISTS decisions_decision_issued_no_delete;",
    "DROP TRIGGER IF EXISTS decisions_award_issued_no_update;",
    "DROP TRIGGER IF EXISTS decisions_award_issued_no_delete;",
]

_PDF_MINUS = " - ".join(f"'{c}'" for c in PDF_COLUMNS)
POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION decisions_decision_guard() RETURNS trigger AS $$
    BEGIN
      IF OLD.status = 'issued' THEN
        IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - {_PDF_MINUS}) IS DISTINCT FROM (to_jsonb(OLD) - {_PDF_MINUS}) THEN
          RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER decisions_decision_guard BEFORE UPDATE OR DELETE ON decisions_decision
    FOR EACH ROW EXECUTE FUNCTION decisions_decision_guard();""",
    f"""CREATE OR REPLACE FUNCTION decisions_award_guard() RETURNS trigger AS $$
    BEGIN
      IF (SELECT status FROM decisions_decision WHERE id = OLD.decision_id) = 'issued' THEN
        IF TG_OP = 'DELETE' OR to_jsonb(NEW) IS DISTINCT FROM to_jsonb(OLD) THEN
          RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER decisions_award_guard BEFORE UPDATE OR DELETE ON decisions_decisionaward
    FOR EACH ROW EXECUTE FUNCTION decisions_award_guard();""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS decisions_decision_guard ON decisions_decision;",
    "DROP FUNCTION IF EXISTS decisions_decision_guard();",
    "DROP TRIGGER IF EXISTS decisions_award_guard ON decisions_decisionaward;",
    "DROP FUNCTION IF EXISTS decisions_award_guard();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
