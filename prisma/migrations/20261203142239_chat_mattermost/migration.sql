-- CreateEnum
CREATE TYPE "ChatProvider" AS ENUM ('SLACK', 'MATTERMOST');

-- DropIndex
DROP INDEX "ChatIntegration_teamId_key";

-- AlterTable
ALTER TABLE "ChatIntegration" ADD COLUMN     "commandTokenHash" TEXT,
ADD COLUMN     "provider" "ChatProvider" NOT NULL DEFAULT 'SLACK',
ALTER COLUMN "workspaceId" DROP NOT NULL,
ALTER COLUMN "signingSecretSealed" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "ChatIntegration_commandTokenHash_key" ON "ChatIntegration"("commandTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIntegration_teamId_provider_key" ON "ChatIntegration"("teamId", "provider");
