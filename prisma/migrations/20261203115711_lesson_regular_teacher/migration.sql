-- AlterTable
ALTER TABLE "lessons" ADD COLUMN     "regular_teacher_id" INTEGER;

-- CreateIndex
CREATE INDEX "lessons_regular_teacher_id_idx" ON "lessons"("regular_teacher_id");

-- AddForeignKey
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_regular_teacher_id_fkey" FOREIGN KEY ("regular_teacher_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
