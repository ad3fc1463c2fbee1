-- The school settings' CHECK (20261123180000_constraints) allowed more than the regulations and
-- the settings form do (lib/domain/school-settings.ts SETTING_LIMITS): results visible to
-- families within 72 hours (not 240), marks within 7 days (not 60), homework within 120 minutes of
-- the teacher's last lesson (not 1440). The database now holds the form's limits, whatever code
-- writes the row. Prisma's schema language cannot express CHECK constraints: hand-written.
--
-- A school stored beyond a limit (written before the form existed, or straight to the database)
-- is brought to the limit, the widest the regulations allow, so that this migration does not fail
-- on it; the audit keeps the values it had. The demo school and the form's saves are within them.
INSERT INTO "audit_log" ("school_id", "actor_id", "action", "entity_type", "entity_id", "old_value", "new_value", "details")
SELECT "id", NULL, 'school.settings', 'School', "id"::text,
       jsonb_build_object('resultVisibilityHours', "result_visibility_hours", 'markEntryDays', "mark_entry_days", 'homeworkGraceMinutes', "homework_grace_minutes"),
       jsonb_build_object('resultVisibilityHours', LEAST("result_visibility_hours", 72), 'markEntryDays', LEAST("mark_entry_days", 7), 'homeworkGraceMinutes', LEAST("homework_grace_minutes", 120)),
       jsonb_build_object('reason', 'migration 20261203140000_school_settings_limits: the settings brought to the limits of the regulations')
  FROM "schools"
 WHERE "result_visibility_hours" > 72 OR "mark_entry_days" > 7 OR "homework_grace_minutes" > 120;

UPDATE "schools"
   SET "result_visibility_hours" = LEAST("result_visibility_hours", 72),
       "mark_entry_days" = LEAST("mark_entry_days", 7),
       "homework_grace_minutes" = LEAST("homework_grace_minutes", 120)
 WHERE "result_visibility_hours" > 72 OR "mark_entry_days" > 7 OR "homework_grace_minutes" > 120;

ALTER TABLE "schools" DROP CONSTRAINT "schools_settings";
ALTER TABLE "schools" ADD CONSTRAINT "schools_settings" CHECK (
  homework_grace_minutes BETWEEN 0 AND 120 AND mark_entry_days BETWEEN 1 AND 7
  AND result_visibility_hours BETWEEN 0 AND 72 AND school_days_per_week IN (5, 6)
  AND forecast_day_of_month BETWEEN 1 AND 28);
