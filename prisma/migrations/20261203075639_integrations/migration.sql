-- CreateEnum
CREATE TYPE "ApiTokenScope" AS ENUM ('READ', 'WRITE');

-- CreateEnum
CREATE TYPE "AlertSourceKind" AS ENUM ('ALERTMANAGER', 'GRAFANA', 'KAPACITOR', 'SENTRY', 'GENERIC');

-- CreateEnum
CREATE TYPE "AlertDeliveryOutcome" AS ENUM ('ACCEPTED', 'DUPLICATE', 'REFUSED');

-- CreateEnum
CREATE TYPE "AlertState" AS ENUM ('FIRING', 'RESOLVED');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('SLACK', 'MATTERMOST', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "NotificationState" AS ENUM ('QUEUED', 'DELIVERED', 'FAILED');

-- AlterTable
ALTER TABLE "ActionItem" ADD COLUMN     "overdueNotifiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "prefix" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "scope" "ApiTokenScope" NOT NULL DEFAULT 'READ';

-- CreateTable
CREATE TABLE "AlertSource" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AlertSourceKind" NOT NULL,
    "tokenHash" TEXT,
    "secretSealed" TEXT,
    "severityRules" JSONB NOT NULL DEFAULT '[]',
    "defaultSeverity" "Severity" NOT NULL DEFAULT 'SEV3',
    "mitigateWhenResolved" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "AlertSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "outcome" "AlertDeliveryOutcome" NOT NULL,
    "reason" TEXT,
    "alertCount" INTEGER NOT NULL DEFAULT 0,
    "incidentIds" TEXT[],
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentAlert" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "groupKey" TEXT,
    "title" TEXT NOT NULL,
    "state" "AlertState" NOT NULL DEFAULT 'FIRING',
    "firedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatIntegration" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "signingSecretSealed" TEXT NOT NULL,
    "botTokenSealed" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatIntegration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatIdentity" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "chatUserId" TEXT NOT NULL,
    "chatUserName" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatLinkRequest" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "chatUserId" TEXT NOT NULL,
    "chatUserName" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatLinkRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeenSignature" (
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeenSignature_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "NotificationTarget" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "name" TEXT NOT NULL,
    "urlSealed" TEXT NOT NULL,
    "urlHost" TEXT NOT NULL,
    "secretSealed" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "NotificationTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "id" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "state" "NotificationState" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "responseStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AlertSource_tokenHash_key" ON "AlertSource"("tokenHash");

-- CreateIndex
CREATE INDEX "AlertSource_teamId_idx" ON "AlertSource"("teamId");

-- CreateIndex
CREATE INDEX "AlertDelivery_sourceId_receivedAt_idx" ON "AlertDelivery"("sourceId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertDelivery_sourceId_dedupeKey_key" ON "AlertDelivery"("sourceId", "dedupeKey");

-- CreateIndex
CREATE INDEX "IncidentAlert_teamId_sourceId_fingerprint_idx" ON "IncidentAlert"("teamId", "sourceId", "fingerprint");

-- CreateIndex
CREATE INDEX "IncidentAlert_teamId_sourceId_groupKey_idx" ON "IncidentAlert"("teamId", "sourceId", "groupKey");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentAlert_incidentId_sourceId_fingerprint_key" ON "IncidentAlert"("incidentId", "sourceId", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIntegration_teamId_key" ON "ChatIntegration"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIntegration_workspaceId_key" ON "ChatIntegration"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIdentity_integrationId_chatUserId_key" ON "ChatIdentity"("integrationId", "chatUserId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatLinkRequest_tokenHash_key" ON "ChatLinkRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "SeenSignature_createdAt_idx" ON "SeenSignature"("createdAt");

-- CreateIndex
CREATE INDEX "NotificationTarget_teamId_idx" ON "NotificationTarget"("teamId");

-- CreateIndex
CREATE INDEX "NotificationDelivery_teamId_createdAt_idx" ON "NotificationDelivery"("teamId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationDelivery_targetId_eventId_key" ON "NotificationDelivery"("targetId", "eventId");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertSource" ADD CONSTRAINT "AlertSource_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "AlertSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentAlert" ADD CONSTRAINT "IncidentAlert_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentAlert" ADD CONSTRAINT "IncidentAlert_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "AlertSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatIntegration" ADD CONSTRAINT "ChatIntegration_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatIdentity" ADD CONSTRAINT "ChatIdentity_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "ChatIntegration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatIdentity" ADD CONSTRAINT "ChatIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatLinkRequest" ADD CONSTRAINT "ChatLinkRequest_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "ChatIntegration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationTarget" ADD CONSTRAINT "NotificationTarget_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationDelivery" ADD CONSTRAINT "NotificationDelivery_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "NotificationTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;
