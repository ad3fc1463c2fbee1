-- AlterTable
ALTER TABLE "lessons" ADD COLUMN     "no_homework_at" TIMESTAMP(3);
