-- CreateEnum
CREATE TYPE "ActionItemType" AS ENUM ('PREVENT', 'MITIGATE', 'DETECT', 'PROCESS');

-- AlterTable
ALTER TABLE "ActionItem" ADD COLUMN     "type" "ActionItemType";

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "impactEndedAt" TIMESTAMP(3),
ADD COLUMN     "impactStartedAt" TIMESTAMP(3);
