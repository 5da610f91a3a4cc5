-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "timelineEventId" TEXT,
    "sectionKey" TEXT,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "caption" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportVersionAttachment" (
    "reportVersionId" TEXT NOT NULL,
    "attachmentId" TEXT NOT NULL,
    "inCustomerVersion" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ReportVersionAttachment_pkey" PRIMARY KEY ("reportVersionId","attachmentId")
);

-- CreateIndex
CREATE INDEX "Attachment_incidentId_createdAt_idx" ON "Attachment"("incidentId", "createdAt");

-- CreateIndex
CREATE INDEX "Attachment_teamId_idx" ON "Attachment"("teamId");

-- CreateIndex
CREATE INDEX "ReportVersionAttachment_attachmentId_idx" ON "ReportVersionAttachment"("attachmentId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_timelineEventId_fkey" FOREIGN KEY ("timelineEventId") REFERENCES "TimelineEvent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportVersionAttachment" ADD CONSTRAINT "ReportVersionAttachment_reportVersionId_fkey" FOREIGN KEY ("reportVersionId") REFERENCES "ReportVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportVersionAttachment" ADD CONSTRAINT "ReportVersionAttachment_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
