-- The class teacher's answer to a parent's message (lib/data/diary/class-reply.ts): a message to the
-- parent naming the one it answers, one answer per message.
-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "reply_to_id" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "messages_reply_to_id_key" ON "messages"("reply_to_id");

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_reply_to_id_fkey" FOREIGN KEY ("reply_to_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
