-- CreateEnum
CREATE TYPE "ShareAudience" AS ENUM ('INTERNAL', 'CUSTOMER');

-- AlterTable
ALTER TABLE "ReportVersion" ADD COLUMN     "customerHtml" TEXT;

-- AlterTable
ALTER TABLE "ShareLink" ADD COLUMN     "audience" "ShareAudience" NOT NULL DEFAULT 'INTERNAL';

-- AlterTable
ALTER TABLE "StakeholderGrant" ADD COLUMN     "audience" "ShareAudience" NOT NULL DEFAULT 'INTERNAL';
