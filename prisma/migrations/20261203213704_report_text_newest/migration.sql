-- AlterTable
ALTER TABLE "ReportSectionText" ADD COLUMN     "incidentId" TEXT,
ADD COLUMN     "newest" BOOLEAN NOT NULL DEFAULT true;

-- Existing rows: their incident, and whether their version is the report's newest.
UPDATE "ReportSectionText" s SET "incidentId" = r."incidentId",
  "newest" = NOT EXISTS (SELECT 1 FROM "ReportVersion" v2 WHERE v2."reportId" = v."reportId" AND v2.number > v.number)
FROM "ReportVersion" v JOIN "Report" r ON r.id = v."reportId"
WHERE v.id = s."reportVersionId";

-- The team copy trigger also copies the incident of a section's report (the id never changes:
-- an incident that moves team keeps it, hindsight_move_team_id moves only the team).
CREATE OR REPLACE FUNCTION "hindsight_copy_team_id"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ReportSectionText' THEN
    SELECT i."teamId", i.id INTO NEW."teamId", NEW."incidentId"
    FROM "ReportVersion" v JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId"
    WHERE v.id = NEW."reportVersionId";
  ELSE
    NEW."teamId" := (SELECT i."teamId" FROM "Incident" i WHERE i.id = NEW."incidentId");
  END IF;
  RETURN NEW;
END;
$$;

DROP TRIGGER "ReportSectionText_team_id" ON "ReportSectionText";
CREATE TRIGGER "ReportSectionText_team_id" BEFORE INSERT OR UPDATE OF "reportVersionId", "teamId", "incidentId" ON "ReportSectionText"
FOR EACH ROW EXECUTE FUNCTION "hindsight_copy_team_id"();

-- "newest": a section is written newest unless its report already has a later version (the
-- search backfill writes old versions' text); writing a version's text makes every earlier
-- version's text of the report no longer the newest.
CREATE FUNCTION "hindsight_report_text_newest"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND TG_WHEN = 'BEFORE' THEN
    NEW."newest" := NOT EXISTS (
      SELECT 1 FROM "ReportVersion" v JOIN "ReportVersion" v2 ON v2."reportId" = v."reportId" AND v2.number > v.number
      WHERE v.id = NEW."reportVersionId");
    RETURN NEW;
  END IF;
  UPDATE "ReportSectionText" s SET "newest" = false
  FROM "ReportVersion" v JOIN "ReportVersion" older ON older."reportId" = v."reportId" AND older.number < v.number
  WHERE v.id = NEW."reportVersionId" AND s."reportVersionId" = older.id AND s."newest";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "ReportSectionText_newest" BEFORE INSERT ON "ReportSectionText"
FOR EACH ROW EXECUTE FUNCTION "hindsight_report_text_newest"();
CREATE TRIGGER "ReportSectionText_newest_after" AFTER INSERT ON "ReportSectionText"
FOR EACH ROW EXECUTE FUNCTION "hindsight_report_text_newest"();
