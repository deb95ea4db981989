-- Up Migration
-- The trigger function that makes a table append-only: attach it BEFORE UPDATE OR DELETE (for each
-- row) and BEFORE TRUNCATE (for each statement). migrate() also revokes UPDATE, DELETE and TRUNCATE
-- on every table that has it from the schema's application role, so the trigger is the second line:
-- it stops even the schema's owner, unless a superuser disables it on purpose.
CREATE FUNCTION append_only_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Down Migration
DROP FUNCTION append_only_guard();
