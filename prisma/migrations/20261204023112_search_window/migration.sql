-- Search ranks the newest SEARCH_WINDOW (1,000) matches of each kind (lib/search/sql.ts,
-- docs/decisions.md): a word in every one of a team's 5,000 incidents had every match read,
-- rechecked and ranked (~15 ms per kind at 100k). These give the kinds whose matches can be that
-- many an order to read the newest in.

-- AlterTable
ALTER TABLE "ReportSectionText" ADD COLUMN     "publishedAt" TIMESTAMP(3);

-- Existing rows: when their version was published (a version is never changed).
UPDATE "ReportSectionText" s SET "publishedAt" = v."publishedAt"
FROM "ReportVersion" v WHERE v.id = s."reportVersionId";

-- The team copy trigger also copies the version's publication time.
CREATE OR REPLACE FUNCTION "hindsight_copy_team_id"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ReportSectionText' THEN
    SELECT i."teamId", i.id, v."publishedAt" INTO NEW."teamId", NEW."incidentId", NEW."publishedAt"
    FROM "ReportVersion" v JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId"
    WHERE v.id = NEW."reportVersionId";
  ELSE
    NEW."teamId" := (SELECT i."teamId" FROM "Incident" i WHERE i.id = NEW."incidentId");
  END IF;
  RETURN NEW;
END;
$$;

DROP TRIGGER "ReportSectionText_team_id" ON "ReportSectionText";
CREATE TRIGGER "ReportSectionText_team_id" BEFORE INSERT OR UPDATE OF "reportVersionId", "teamId", "incidentId", "publishedAt" ON "ReportSectionText"
FOR EACH ROW EXECUTE FUNCTION "hindsight_copy_team_id"();

-- CreateIndex
CREATE INDEX "ReportSectionText_teamId_newest_publishedAt_idx" ON "ReportSectionText"("teamId", "newest", "publishedAt" DESC);

-- CreateIndex
CREATE INDEX "TimelineEvent_teamId_occurredAt_idx" ON "TimelineEvent"("teamId", "occurredAt" DESC);
