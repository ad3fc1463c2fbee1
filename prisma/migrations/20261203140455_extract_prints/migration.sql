-- CreateTable
CREATE TABLE "extract_prints" (
    "id" SERIAL NOT NULL,
    "school_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,
    "week_start" DATE NOT NULL,
    "printed_at" TIMESTAMP(3) NOT NULL,
    "printed_by_id" INTEGER,

    CONSTRAINT "extract_prints_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "extract_prints_school_id_student_id_week_start_idx" ON "extract_prints"("school_id", "student_id", "week_start");

-- CreateIndex
CREATE INDEX "extract_prints_printed_by_id_idx" ON "extract_prints"("printed_by_id");

-- AddForeignKey
ALTER TABLE "extract_prints" ADD CONSTRAINT "extract_prints_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extract_prints" ADD CONSTRAINT "extract_prints_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extract_prints" ADD CONSTRAINT "extract_prints_printed_by_id_fkey" FOREIGN KEY ("printed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
