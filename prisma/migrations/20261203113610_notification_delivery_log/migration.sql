-- AlterTable
ALTER TABLE "NotificationDelivery" ADD COLUMN     "event" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "latencyMs" INTEGER;

-- AlterTable
ALTER TABLE "NotificationTarget" ADD COLUMN     "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "disabledReason" TEXT,
ADD COLUMN     "events" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "NotificationDelivery_targetId_createdAt_idx" ON "NotificationDelivery"("targetId", "createdAt");
