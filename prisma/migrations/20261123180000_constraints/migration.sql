-- Rules that protect the data whatever code writes it. Prisma's schema language cannot express
-- them, and its diff ignores CHECK constraints and triggers, so they live here.

-- A course is taught to a class or to a group, never both and never neither.
ALTER TABLE "courses" ADD CONSTRAINT "courses_class_xor_group"
  CHECK ((class_id IS NULL) <> (group_id IS NULL));

-- Date ranges run forwards.
ALTER TABLE "academic_years" ADD CONSTRAINT "academic_years_dates" CHECK (end_date >= start_date);
ALTER TABLE "study_periods" ADD CONSTRAINT "study_periods_dates" CHECK (end_date >= start_date);
ALTER TABLE "holidays" ADD CONSTRAINT "holidays_dates" CHECK (end_date >= start_date);
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_dates" CHECK (end_date IS NULL OR end_date >= start_date);

-- Small sanity ranges.
ALTER TABLE "work_types" ADD CONSTRAINT "work_types_weight_positive" CHECK (weight > 0 AND weight <= 10);
ALTER TABLE "timetable_entries" ADD CONSTRAINT "timetable_entries_weekday" CHECK (weekday BETWEEN 1 AND 7);
ALTER TABLE "school_classes" ADD CONSTRAINT "school_classes_grade" CHECK (grade_level BETWEEN 1 AND 11);
ALTER TABLE "marks" ADD CONSTRAINT "marks_position" CHECK (position BETWEEN 0 AND 4);
ALTER TABLE "schools" ADD CONSTRAINT "schools_settings" CHECK (
  homework_grace_minutes BETWEEN 0 AND 1440 AND mark_entry_days BETWEEN 1 AND 60
  AND result_visibility_hours BETWEEN 0 AND 240 AND school_days_per_week IN (5, 6)
  AND forecast_day_of_month BETWEEN 1 AND 28);

-- A final mark says something: a value, a special value (н/а, осв., зач.) or a deferral.
ALTER TABLE "final_marks" ADD CONSTRAINT "final_marks_has_content"
  CHECK (value IS NOT NULL OR special IS NOT NULL OR deferred_until IS NOT NULL);
ALTER TABLE "final_marks" ADD CONSTRAINT "final_marks_value_or_special"
  CHECK (value IS NULL OR special IS NULL);

-- A mark's value must be a value of its course's grading scale.
CREATE FUNCTION check_mark_value_on_scale() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  allowed text[];
BEGIN
  IF NEW.value IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT gs."values" INTO allowed
    FROM courses c JOIN grading_scales gs ON gs.id = c.grading_scale_id
   WHERE c.id = NEW.course_id;
  IF allowed IS NULL OR NOT (NEW.value = ANY (allowed)) THEN
    RAISE EXCEPTION 'mark value "%" is not on the grading scale of course %', NEW.value, NEW.course_id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER marks_value_on_scale BEFORE INSERT OR UPDATE OF value, course_id ON marks
  FOR EACH ROW EXECUTE FUNCTION check_mark_value_on_scale();
CREATE TRIGGER final_marks_value_on_scale BEFORE INSERT OR UPDATE OF value, course_id ON final_marks
  FOR EACH ROW EXECUTE FUNCTION check_mark_value_on_scale();

-- A pupil is in one class at a time: enrollments of one pupil never overlap.
-- The advisory lock serialises concurrent enrollments of the same pupil.
CREATE FUNCTION check_enrollment_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('enrollment'), NEW.student_id);
  IF EXISTS (
    SELECT 1 FROM enrollments e
     WHERE e.student_id = NEW.student_id AND e.id <> NEW.id
       AND daterange(e.start_date, e.end_date, '[]') && daterange(NEW.start_date, NEW.end_date, '[]')
  ) THEN
    RAISE EXCEPTION 'enrollments of pupil % overlap', NEW.student_id USING ERRCODE = 'exclusion_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER enrollments_no_overlap BEFORE INSERT OR UPDATE OF student_id, start_date, end_date ON enrollments
  FOR EACH ROW EXECUTE FUNCTION check_enrollment_overlap();

-- The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
