-- A consent row is a record of what a guardian declared on a date: it is never rewritten.
-- A new decision is a new row; the newest row for a pupil is in force.
CREATE FUNCTION refuse_consent_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consents are append-only: record a new decision instead' USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER consents_append_only BEFORE UPDATE ON consents
  FOR EACH ROW EXECUTE FUNCTION refuse_consent_update();
