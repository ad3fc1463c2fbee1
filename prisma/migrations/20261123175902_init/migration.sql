-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'MANAGEMENT', 'TEACHER', 'STUDENT', 'PARENT', 'SECRETARY', 'MEDICAL', 'PSYCHOLOGIST', 'HR');

-- CreateEnum
CREATE TYPE "GradingScaleKind" AS ENUM ('FIVE_POINT', 'TEN_POINT', 'PASS_FAIL');

-- CreateEnum
CREATE TYPE "PeriodSchemeKind" AS ENUM ('QUARTERS', 'TRIMESTERS', 'HALF_YEARS');

-- CreateEnum
CREATE TYPE "StudyPeriodKind" AS ENUM ('TERM', 'YEAR');

-- CreateEnum
CREATE TYPE "StudyPeriodStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "StudyGroupKind" AS ENUM ('SUBGROUP', 'STREAM', 'INDIVIDUAL');

-- CreateEnum
CREATE TYPE "LessonKind" AS ENUM ('LESSON', 'TEST', 'QUIZ', 'LAB', 'PRACTICAL', 'DICTATION', 'EXCURSION');

-- CreateEnum
CREATE TYPE "TimetableChangeKind" AS ENUM ('SUBSTITUTION', 'MOVED', 'CANCELLED', 'ROOM');

-- CreateEnum
CREATE TYPE "AttendanceCode" AS ENUM ('ABSENT', 'ILL', 'EXCUSED', 'LATE');

-- CreateEnum
CREATE TYPE "FinalMarkSpecial" AS ENUM ('NOT_ATTESTED', 'EXEMPT', 'PASSED');

-- CreateEnum
CREATE TYPE "FinalMarkStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "ExamKind" AS ENUM ('OGE', 'EGE', 'GVE');

-- CreateEnum
CREATE TYPE "ConsentDecision" AS ENUM ('GRANTED', 'REFUSED');

-- CreateEnum
CREATE TYPE "DeliveryPreference" AS ENUM ('ONLINE', 'EMAIL', 'PAPER');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('GENERAL', 'FINAL_MARKS_ACK');

-- CreateEnum
CREATE TYPE "StudentNoteKind" AS ENUM ('MEDICAL', 'PSYCHOLOGICAL');

-- CreateEnum
CREATE TYPE "SurveyQuestionKind" AS ENUM ('SINGLE', 'MULTIPLE', 'TEXT');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'HELD');

-- CreateTable
CREATE TABLE "schools" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT NOT NULL,
    "address" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Moscow',
    "rounding_policy" JSONB NOT NULL,
    "homework_grace_minutes" INTEGER NOT NULL DEFAULT 120,
    "mark_entry_days" INTEGER NOT NULL DEFAULT 7,
    "result_visibility_hours" INTEGER NOT NULL DEFAULT 24,
    "forecast_day_of_month" INTEGER NOT NULL DEFAULT 1,
    "school_days_per_week" INTEGER NOT NULL DEFAULT 6,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "schools_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "academic_years" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "start_year" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,

    CONSTRAINT "academic_years_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "period_schemes" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PeriodSchemeKind" NOT NULL,

    CONSTRAINT "period_schemes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "study_periods" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "academic_year_id" INTEGER NOT NULL,
    "scheme_id" INTEGER,
    "kind" "StudyPeriodKind" NOT NULL DEFAULT 'TERM',
    "name" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "status" "StudyPeriodStatus" NOT NULL DEFAULT 'OPEN',
    "closed_at" TIMESTAMP(3),
    "closed_by_id" INTEGER,

    CONSTRAINT "study_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holidays" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "academic_year_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "grade_levels" INTEGER[],

    CONSTRAINT "holidays_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grading_scales" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "kind" "GradingScaleKind" NOT NULL,
    "name" TEXT NOT NULL,
    "values" TEXT[],

    CONSTRAINT "grading_scales_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_types" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "archived" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "work_types_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subjects" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT NOT NULL,

    CONSTRAINT "subjects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "school_classes" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "academic_year_id" INTEGER NOT NULL,
    "grade_level" INTEGER NOT NULL,
    "letter" TEXT NOT NULL,
    "class_teacher_id" INTEGER,
    "period_scheme_id" INTEGER NOT NULL,

    CONSTRAINT "school_classes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "study_groups" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "academic_year_id" INTEGER NOT NULL,
    "class_id" INTEGER,
    "kind" "StudyGroupKind" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "study_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "study_group_members" (
    "school_id" INTEGER NOT NULL,
    "group_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,

    CONSTRAINT "study_group_members_pkey" PRIMARY KEY ("group_id","student_id")
);

-- CreateTable
CREATE TABLE "courses" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "academic_year_id" INTEGER NOT NULL,
    "subject_id" INTEGER NOT NULL,
    "class_id" INTEGER,
    "group_id" INTEGER,
    "grading_scale_id" INTEGER NOT NULL,

    CONSTRAINT "courses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course_teachers" (
    "school_id" INTEGER NOT NULL,
    "course_id" INTEGER NOT NULL,
    "teacher_id" INTEGER NOT NULL,
    "is_primary" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "course_teachers_pkey" PRIMARY KEY ("course_id","teacher_id")
);

-- CreateTable
CREATE TABLE "curriculum_plans" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "academic_year_id" INTEGER NOT NULL,
    "grade_level" INTEGER NOT NULL,
    "subject_id" INTEGER NOT NULL,
    "hours_per_week" DOUBLE PRECISION NOT NULL,
    "hours_per_year" INTEGER NOT NULL,

    CONSTRAINT "curriculum_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "planned_topics" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "course_id" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "hours" INTEGER NOT NULL DEFAULT 1,
    "lesson_kind" "LessonKind" NOT NULL DEFAULT 'LESSON',

    CONSTRAINT "planned_topics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bell_schedules" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "is_default" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "bell_schedules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bell_slots" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "bell_schedule_id" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,
    "start_minute" INTEGER NOT NULL,
    "end_minute" INTEGER NOT NULL,

    CONSTRAINT "bell_slots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "timetable_entries" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "academic_year_id" INTEGER NOT NULL,
    "course_id" INTEGER NOT NULL,
    "weekday" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,
    "room" TEXT,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,

    CONSTRAINT "timetable_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "timetable_changes" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "course_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "slot" INTEGER NOT NULL,
    "kind" "TimetableChangeKind" NOT NULL,
    "substitute_teacher_id" INTEGER,
    "new_date" DATE,
    "new_slot" INTEGER,
    "room" TEXT,
    "reason" TEXT,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "timetable_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lessons" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "course_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "slot" INTEGER NOT NULL,
    "topic" TEXT,
    "lesson_kind" "LessonKind" NOT NULL DEFAULT 'LESSON',
    "planned_test" BOOLEAN NOT NULL DEFAULT false,
    "planned_topic_id" INTEGER,
    "teacher_id" INTEGER NOT NULL,
    "is_substitution" BOOLEAN NOT NULL DEFAULT false,
    "topic_entered_at" TIMESTAMP(3),
    "attendance_entered_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lessons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "homework" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "lesson_id" INTEGER NOT NULL,
    "student_id" INTEGER,
    "text" TEXT NOT NULL,
    "due_date" DATE,
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "homework_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "homework_attachments" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "homework_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "homework_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marks" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,
    "course_id" INTEGER NOT NULL,
    "lesson_id" INTEGER,
    "position" INTEGER NOT NULL DEFAULT 0,
    "work_type_id" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "numeric_value" DOUBLE PRECISION,
    "comment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" INTEGER NOT NULL,
    "updated_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "marks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,
    "lesson_id" INTEGER NOT NULL,
    "code" "AttendanceCode" NOT NULL,
    "comment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" INTEGER NOT NULL,
    "updated_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "final_marks" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,
    "course_id" INTEGER NOT NULL,
    "period_id" INTEGER NOT NULL,
    "value" TEXT,
    "special" "FinalMarkSpecial",
    "deferred_until" DATE,
    "deferral_reason" TEXT,
    "status" "FinalMarkStatus" NOT NULL DEFAULT 'DRAFT',
    "published_at" TIMESTAMP(3),
    "visible_from" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" INTEGER NOT NULL,
    "updated_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "final_marks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "final_mark_acks" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,
    "period_id" INTEGER NOT NULL,
    "parent_id" INTEGER NOT NULL,
    "message_id" INTEGER,
    "acknowledged_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "final_mark_acks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exam_results" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "academic_year_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,
    "subject_id" INTEGER NOT NULL,
    "kind" "ExamKind" NOT NULL,
    "exam_date" DATE NOT NULL,
    "score" INTEGER,
    "mark" TEXT,
    "published_at" TIMESTAMP(3),
    "visible_from" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exam_results_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "key" TEXT NOT NULL,
    "school_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "login" TEXT,
    "password_hash" TEXT,
    "last_name" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "middle_name" TEXT,
    "birth_date" DATE,
    "email" TEXT,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "last_login_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_roles" (
    "school_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "role" "Role" NOT NULL,

    CONSTRAINT "user_roles_pkey" PRIMARY KEY ("user_id","role")
);

-- CreateTable
CREATE TABLE "role_permissions" (
    "school_id" INTEGER NOT NULL,
    "role" "Role" NOT NULL,
    "permission" TEXT NOT NULL,

    CONSTRAINT "role_permissions_pkey" PRIMARY KEY ("school_id","role","permission")
);

-- CreateTable
CREATE TABLE "user_permissions" (
    "school_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "permission" TEXT NOT NULL,
    "granted_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_permissions_pkey" PRIMARY KEY ("user_id","permission")
);

-- CreateTable
CREATE TABLE "guardianships" (
    "school_id" INTEGER NOT NULL,
    "parent_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,
    "relation" TEXT,

    CONSTRAINT "guardianships_pkey" PRIMARY KEY ("parent_id","student_id")
);

-- CreateTable
CREATE TABLE "enrollments" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,
    "class_id" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,

    CONSTRAINT "enrollments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consents" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,
    "guardian_id" INTEGER,
    "decision" "ConsentDecision" NOT NULL,
    "document_version" TEXT NOT NULL,
    "delivery_preference" "DeliveryPreference" NOT NULL,
    "contact_email" TEXT,
    "contact_phone" TEXT,
    "note" TEXT,
    "recorded_by_id" INTEGER NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "sender_id" INTEGER NOT NULL,
    "recipient_id" INTEGER NOT NULL,
    "student_id" INTEGER,
    "kind" "MessageKind" NOT NULL DEFAULT 'GENERAL',
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMP(3),

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "diary_visits" (
    "school_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,

    CONSTRAINT "diary_visits_pkey" PRIMARY KEY ("user_id","student_id","date")
);

-- CreateTable
CREATE TABLE "student_notes" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,
    "author_id" INTEGER NOT NULL,
    "kind" "StudentNoteKind" NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "student_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "surveys" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "audience" "Role"[],
    "opens_at" TIMESTAMP(3) NOT NULL,
    "closes_at" TIMESTAMP(3),
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "surveys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_questions" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "survey_id" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "kind" "SurveyQuestionKind" NOT NULL,
    "options" TEXT[],

    CONSTRAINT "survey_questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_responses" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "survey_id" INTEGER NOT NULL,
    "question_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "answer" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient_user_id" INTEGER,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "dedupe_key" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "school_id" INTEGER,
    "actor_id" INTEGER,
    "action" TEXT NOT NULL,
    "entity_type" TEXT,
    "entity_id" TEXT,
    "old_value" JSONB,
    "new_value" JSONB,
    "ip" TEXT,
    "details" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_attempts" (
    "id" BIGSERIAL NOT NULL,
    "login" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "academic_years_school_id_start_year_key" ON "academic_years"("school_id", "start_year");

-- CreateIndex
CREATE UNIQUE INDEX "period_schemes_school_id_kind_key" ON "period_schemes"("school_id", "kind");

-- CreateIndex
CREATE INDEX "study_periods_school_id_academic_year_id_scheme_id_start_da_idx" ON "study_periods"("school_id", "academic_year_id", "scheme_id", "start_date");

-- CreateIndex
CREATE INDEX "holidays_school_id_academic_year_id_idx" ON "holidays"("school_id", "academic_year_id");

-- CreateIndex
CREATE UNIQUE INDEX "grading_scales_school_id_kind_key" ON "grading_scales"("school_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "work_types_school_id_name_key" ON "work_types"("school_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "subjects_school_id_name_key" ON "subjects"("school_id", "name");

-- CreateIndex
CREATE INDEX "school_classes_school_id_class_teacher_id_idx" ON "school_classes"("school_id", "class_teacher_id");

-- CreateIndex
CREATE UNIQUE INDEX "school_classes_school_id_academic_year_id_grade_level_lette_key" ON "school_classes"("school_id", "academic_year_id", "grade_level", "letter");

-- CreateIndex
CREATE INDEX "study_groups_school_id_class_id_idx" ON "study_groups"("school_id", "class_id");

-- CreateIndex
CREATE INDEX "study_group_members_school_id_student_id_idx" ON "study_group_members"("school_id", "student_id");

-- CreateIndex
CREATE INDEX "courses_school_id_class_id_idx" ON "courses"("school_id", "class_id");

-- CreateIndex
CREATE INDEX "courses_school_id_group_id_idx" ON "courses"("school_id", "group_id");

-- CreateIndex
CREATE INDEX "course_teachers_school_id_teacher_id_idx" ON "course_teachers"("school_id", "teacher_id");

-- CreateIndex
CREATE UNIQUE INDEX "curriculum_plans_school_id_academic_year_id_grade_level_sub_key" ON "curriculum_plans"("school_id", "academic_year_id", "grade_level", "subject_id");

-- CreateIndex
CREATE INDEX "planned_topics_school_id_course_id_idx" ON "planned_topics"("school_id", "course_id");

-- CreateIndex
CREATE UNIQUE INDEX "planned_topics_course_id_ordinal_key" ON "planned_topics"("course_id", "ordinal");

-- CreateIndex
CREATE INDEX "bell_schedules_school_id_idx" ON "bell_schedules"("school_id");

-- CreateIndex
CREATE UNIQUE INDEX "bell_slots_bell_schedule_id_slot_key" ON "bell_slots"("bell_schedule_id", "slot");

-- CreateIndex
CREATE INDEX "timetable_entries_school_id_course_id_idx" ON "timetable_entries"("school_id", "course_id");

-- CreateIndex
CREATE INDEX "timetable_changes_school_id_date_idx" ON "timetable_changes"("school_id", "date");

-- CreateIndex
CREATE INDEX "timetable_changes_school_id_course_id_date_idx" ON "timetable_changes"("school_id", "course_id", "date");

-- CreateIndex
CREATE INDEX "timetable_changes_school_id_substitute_teacher_id_date_idx" ON "timetable_changes"("school_id", "substitute_teacher_id", "date");

-- CreateIndex
CREATE INDEX "lessons_school_id_course_id_date_idx" ON "lessons"("school_id", "course_id", "date");

-- CreateIndex
CREATE INDEX "lessons_school_id_teacher_id_date_idx" ON "lessons"("school_id", "teacher_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "lessons_course_id_date_slot_key" ON "lessons"("course_id", "date", "slot");

-- CreateIndex
CREATE INDEX "homework_school_id_lesson_id_idx" ON "homework"("school_id", "lesson_id");

-- CreateIndex
CREATE INDEX "homework_school_id_student_id_idx" ON "homework"("school_id", "student_id");

-- CreateIndex
CREATE INDEX "homework_attachments_school_id_homework_id_idx" ON "homework_attachments"("school_id", "homework_id");

-- CreateIndex
CREATE INDEX "marks_school_id_student_id_course_id_idx" ON "marks"("school_id", "student_id", "course_id");

-- CreateIndex
CREATE INDEX "marks_school_id_course_id_idx" ON "marks"("school_id", "course_id");

-- CreateIndex
CREATE UNIQUE INDEX "marks_lesson_id_student_id_position_key" ON "marks"("lesson_id", "student_id", "position");

-- CreateIndex
CREATE INDEX "attendance_school_id_student_id_idx" ON "attendance"("school_id", "student_id");

-- CreateIndex
CREATE UNIQUE INDEX "attendance_lesson_id_student_id_key" ON "attendance"("lesson_id", "student_id");

-- CreateIndex
CREATE INDEX "final_marks_school_id_course_id_period_id_idx" ON "final_marks"("school_id", "course_id", "period_id");

-- CreateIndex
CREATE INDEX "final_marks_school_id_student_id_period_id_idx" ON "final_marks"("school_id", "student_id", "period_id");

-- CreateIndex
CREATE UNIQUE INDEX "final_marks_student_id_course_id_period_id_key" ON "final_marks"("student_id", "course_id", "period_id");

-- CreateIndex
CREATE INDEX "final_mark_acks_school_id_period_id_idx" ON "final_mark_acks"("school_id", "period_id");

-- CreateIndex
CREATE UNIQUE INDEX "final_mark_acks_student_id_period_id_parent_id_key" ON "final_mark_acks"("student_id", "period_id", "parent_id");

-- CreateIndex
CREATE INDEX "exam_results_school_id_student_id_idx" ON "exam_results"("school_id", "student_id");

-- CreateIndex
CREATE UNIQUE INDEX "exam_results_student_id_subject_id_kind_academic_year_id_key" ON "exam_results"("student_id", "subject_id", "kind", "academic_year_id");

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "users_login_key" ON "users"("login");

-- CreateIndex
CREATE INDEX "users_school_id_last_name_first_name_idx" ON "users"("school_id", "last_name", "first_name");

-- CreateIndex
CREATE INDEX "user_roles_school_id_role_idx" ON "user_roles"("school_id", "role");

-- CreateIndex
CREATE INDEX "user_permissions_school_id_idx" ON "user_permissions"("school_id");

-- CreateIndex
CREATE INDEX "guardianships_school_id_student_id_idx" ON "guardianships"("school_id", "student_id");

-- CreateIndex
CREATE INDEX "enrollments_school_id_class_id_idx" ON "enrollments"("school_id", "class_id");

-- CreateIndex
CREATE INDEX "enrollments_school_id_student_id_idx" ON "enrollments"("school_id", "student_id");

-- CreateIndex
CREATE INDEX "consents_school_id_student_id_recorded_at_idx" ON "consents"("school_id", "student_id", "recorded_at");

-- CreateIndex
CREATE INDEX "messages_school_id_recipient_id_created_at_idx" ON "messages"("school_id", "recipient_id", "created_at");

-- CreateIndex
CREATE INDEX "messages_school_id_sender_id_created_at_idx" ON "messages"("school_id", "sender_id", "created_at");

-- CreateIndex
CREATE INDEX "diary_visits_school_id_student_id_date_idx" ON "diary_visits"("school_id", "student_id", "date");

-- CreateIndex
CREATE INDEX "student_notes_school_id_kind_student_id_idx" ON "student_notes"("school_id", "kind", "student_id");

-- CreateIndex
CREATE INDEX "surveys_school_id_opens_at_idx" ON "surveys"("school_id", "opens_at");

-- CreateIndex
CREATE UNIQUE INDEX "survey_questions_survey_id_ordinal_key" ON "survey_questions"("survey_id", "ordinal");

-- CreateIndex
CREATE INDEX "survey_responses_school_id_survey_id_idx" ON "survey_responses"("school_id", "survey_id");

-- CreateIndex
CREATE UNIQUE INDEX "survey_responses_question_id_user_id_key" ON "survey_responses"("question_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_dedupe_key_key" ON "notifications"("dedupe_key");

-- CreateIndex
CREATE INDEX "notifications_status_next_attempt_at_idx" ON "notifications"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "notifications_school_id_created_at_idx" ON "notifications"("school_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_school_id_created_at_idx" ON "audit_log"("school_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_school_id_entity_type_entity_id_idx" ON "audit_log"("school_id", "entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_log_school_id_action_created_at_idx" ON "audit_log"("school_id", "action", "created_at");

-- CreateIndex
CREATE INDEX "sign_in_attempts_login_created_at_idx" ON "sign_in_attempts"("login", "created_at");

-- CreateIndex
CREATE INDEX "sign_in_attempts_ip_created_at_idx" ON "sign_in_attempts"("ip", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_school_id_idx" ON "api_tokens"("school_id");

-- AddForeignKey
ALTER TABLE "academic_years" ADD CONSTRAINT "academic_years_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "period_schemes" ADD CONSTRAINT "period_schemes_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_periods" ADD CONSTRAINT "study_periods_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_periods" ADD CONSTRAINT "study_periods_academic_year_id_fkey" FOREIGN KEY ("academic_year_id") REFERENCES "academic_years"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_periods" ADD CONSTRAINT "study_periods_scheme_id_fkey" FOREIGN KEY ("scheme_id") REFERENCES "period_schemes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_periods" ADD CONSTRAINT "study_periods_closed_by_id_fkey" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "holidays" ADD CONSTRAINT "holidays_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "holidays" ADD CONSTRAINT "holidays_academic_year_id_fkey" FOREIGN KEY ("academic_year_id") REFERENCES "academic_years"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grading_scales" ADD CONSTRAINT "grading_scales_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_types" ADD CONSTRAINT "work_types_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "school_classes" ADD CONSTRAINT "school_classes_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "school_classes" ADD CONSTRAINT "school_classes_academic_year_id_fkey" FOREIGN KEY ("academic_year_id") REFERENCES "academic_years"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "school_classes" ADD CONSTRAINT "school_classes_class_teacher_id_fkey" FOREIGN KEY ("class_teacher_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "school_classes" ADD CONSTRAINT "school_classes_period_scheme_id_fkey" FOREIGN KEY ("period_scheme_id") REFERENCES "period_schemes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_groups" ADD CONSTRAINT "study_groups_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_groups" ADD CONSTRAINT "study_groups_academic_year_id_fkey" FOREIGN KEY ("academic_year_id") REFERENCES "academic_years"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_groups" ADD CONSTRAINT "study_groups_class_id_fkey" FOREIGN KEY ("class_id") REFERENCES "school_classes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_group_members" ADD CONSTRAINT "study_group_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "study_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_group_members" ADD CONSTRAINT "study_group_members_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "courses" ADD CONSTRAINT "courses_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "courses" ADD CONSTRAINT "courses_academic_year_id_fkey" FOREIGN KEY ("academic_year_id") REFERENCES "academic_years"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "courses" ADD CONSTRAINT "courses_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "subjects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "courses" ADD CONSTRAINT "courses_class_id_fkey" FOREIGN KEY ("class_id") REFERENCES "school_classes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "courses" ADD CONSTRAINT "courses_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "study_groups"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "courses" ADD CONSTRAINT "courses_grading_scale_id_fkey" FOREIGN KEY ("grading_scale_id") REFERENCES "grading_scales"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_teachers" ADD CONSTRAINT "course_teachers_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_teachers" ADD CONSTRAINT "course_teachers_teacher_id_fkey" FOREIGN KEY ("teacher_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "curriculum_plans" ADD CONSTRAINT "curriculum_plans_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "curriculum_plans" ADD CONSTRAINT "curriculum_plans_academic_year_id_fkey" FOREIGN KEY ("academic_year_id") REFERENCES "academic_years"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "curriculum_plans" ADD CONSTRAINT "curriculum_plans_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "subjects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "planned_topics" ADD CONSTRAINT "planned_topics_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bell_schedules" ADD CONSTRAINT "bell_schedules_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bell_slots" ADD CONSTRAINT "bell_slots_bell_schedule_id_fkey" FOREIGN KEY ("bell_schedule_id") REFERENCES "bell_schedules"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timetable_entries" ADD CONSTRAINT "timetable_entries_academic_year_id_fkey" FOREIGN KEY ("academic_year_id") REFERENCES "academic_years"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timetable_entries" ADD CONSTRAINT "timetable_entries_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timetable_changes" ADD CONSTRAINT "timetable_changes_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timetable_changes" ADD CONSTRAINT "timetable_changes_substitute_teacher_id_fkey" FOREIGN KEY ("substitute_teacher_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timetable_changes" ADD CONSTRAINT "timetable_changes_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_planned_topic_id_fkey" FOREIGN KEY ("planned_topic_id") REFERENCES "planned_topics"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_teacher_id_fkey" FOREIGN KEY ("teacher_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "homework" ADD CONSTRAINT "homework_lesson_id_fkey" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "homework" ADD CONSTRAINT "homework_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "homework" ADD CONSTRAINT "homework_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "homework_attachments" ADD CONSTRAINT "homework_attachments_homework_id_fkey" FOREIGN KEY ("homework_id") REFERENCES "homework"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marks" ADD CONSTRAINT "marks_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marks" ADD CONSTRAINT "marks_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marks" ADD CONSTRAINT "marks_lesson_id_fkey" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marks" ADD CONSTRAINT "marks_work_type_id_fkey" FOREIGN KEY ("work_type_id") REFERENCES "work_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marks" ADD CONSTRAINT "marks_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marks" ADD CONSTRAINT "marks_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_lesson_id_fkey" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_marks" ADD CONSTRAINT "final_marks_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_marks" ADD CONSTRAINT "final_marks_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_marks" ADD CONSTRAINT "final_marks_period_id_fkey" FOREIGN KEY ("period_id") REFERENCES "study_periods"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_marks" ADD CONSTRAINT "final_marks_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_marks" ADD CONSTRAINT "final_marks_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_mark_acks" ADD CONSTRAINT "final_mark_acks_period_id_fkey" FOREIGN KEY ("period_id") REFERENCES "study_periods"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_mark_acks" ADD CONSTRAINT "final_mark_acks_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_mark_acks" ADD CONSTRAINT "final_mark_acks_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_mark_acks" ADD CONSTRAINT "final_mark_acks_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exam_results" ADD CONSTRAINT "exam_results_academic_year_id_fkey" FOREIGN KEY ("academic_year_id") REFERENCES "academic_years"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exam_results" ADD CONSTRAINT "exam_results_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exam_results" ADD CONSTRAINT "exam_results_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "subjects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_permissions" ADD CONSTRAINT "user_permissions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_permissions" ADD CONSTRAINT "user_permissions_granted_by_id_fkey" FOREIGN KEY ("granted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guardianships" ADD CONSTRAINT "guardianships_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guardianships" ADD CONSTRAINT "guardianships_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_class_id_fkey" FOREIGN KEY ("class_id") REFERENCES "school_classes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consents" ADD CONSTRAINT "consents_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consents" ADD CONSTRAINT "consents_guardian_id_fkey" FOREIGN KEY ("guardian_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "diary_visits" ADD CONSTRAINT "diary_visits_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "diary_visits" ADD CONSTRAINT "diary_visits_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "student_notes" ADD CONSTRAINT "student_notes_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "student_notes" ADD CONSTRAINT "student_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "survey_questions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
