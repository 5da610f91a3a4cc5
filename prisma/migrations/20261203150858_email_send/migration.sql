-- CreateEnum
CREATE TYPE "EmailSendState" AS ENUM ('SENDING', 'SENT');

-- CreateTable
CREATE TABLE "EmailSend" (
    "key" TEXT NOT NULL,
    "state" "EmailSendState" NOT NULL DEFAULT 'SENDING',
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "EmailSend_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "EmailSend_startedAt_idx" ON "EmailSend"("startedAt");
