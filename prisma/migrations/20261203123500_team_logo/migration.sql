-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "logoId" TEXT;

-- CreateTable
CREATE TABLE "TeamLogo" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamLogo_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TeamLogo_teamId_idx" ON "TeamLogo"("teamId");

-- AddForeignKey
ALTER TABLE "TeamLogo" ADD CONSTRAINT "TeamLogo_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
