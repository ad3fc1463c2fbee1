-- The consent in force as a flag on its row, so that the diary's gate (lib/data/scope.ts and its
-- SQL twin) can ask "is the decision in force a refusal?" in a plain `where`.

-- AlterTable
ALTER TABLE "consents" ADD COLUMN     "in_force" BOOLEAN NOT NULL DEFAULT false;

-- Backfill: the newest row of each pupil, as the app chose it until now (time, then id). The
-- append-only trigger would refuse this one-time update.
ALTER TABLE "consents" DISABLE TRIGGER consents_append_only;
UPDATE "consents" SET "in_force" = true
 WHERE "id" IN (SELECT DISTINCT ON ("student_id") "id" FROM "consents" ORDER BY "student_id", "recorded_at" DESC, "id" DESC);
ALTER TABLE "consents" ENABLE TRIGGER consents_append_only;

-- CreateIndex
CREATE UNIQUE INDEX "consents_one_in_force" ON "consents"("student_id") WHERE (in_force);

-- Every new row is in force and takes the flag from the pupil's previous one, in the inserting
-- transaction. The advisory lock serialises two decisions recorded at once for one pupil: the
-- second waits, then sees the first one's row and supersedes it (without the lock both would
-- find no row in force, or the same one, and the unique index would refuse the second).
CREATE FUNCTION consent_supersede() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('consent'), NEW.student_id);
  UPDATE consents SET in_force = false WHERE student_id = NEW.student_id AND in_force;
  NEW.in_force := true;
  RETURN NEW;
END $$;

CREATE TRIGGER consents_in_force BEFORE INSERT ON consents
  FOR EACH ROW EXECUTE FUNCTION consent_supersede();

-- Append-only still, with one exception: the trigger above clearing the flag of the row it
-- supersedes (a nested trigger, so no client statement can do it), and nothing else of the row.
CREATE OR REPLACE FUNCTION refuse_consent_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() > 1 AND OLD.in_force AND NOT NEW.in_force
     AND (to_jsonb(NEW) - 'in_force') = (to_jsonb(OLD) - 'in_force') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'consents are append-only: record a new decision instead' USING ERRCODE = 'insufficient_privilege';
END $$;
