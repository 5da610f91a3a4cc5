-- AlterTable
ALTER TABLE "ReportReviewer" ADD COLUMN     "approvedHash" TEXT,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReportVersion" ADD COLUMN     "contentHash" TEXT;
