-- AlterTable
ALTER TABLE "ReportVersion" ADD COLUMN     "customerTitle" TEXT;
