-- AlterTable
ALTER TABLE "AlertSource" ADD COLUMN     "createdById" TEXT;

-- AddForeignKey
ALTER TABLE "AlertSource" ADD CONSTRAINT "AlertSource_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
