-- Team-leading text indexes (issues 11 and 13, at 100,000 incidents). The search, similar-incident
-- and recurring-cause queries read GIN indexes holding every team's entries, so their work grew
-- with the whole database (20 teams at 100k), not with the team. TimelineEvent, WhyNode and
-- ReportSectionText reach their team only through the incident (or the report), so they now
-- carry a copy of its id, filled by a trigger (no writer - app, API, imports, SQL seeds - has
-- to know), and their text indexes lead with it (btree_gin, btree_gist). The team column uses btree_gin's
-- varchar_ops (text = text operators, text is binary-compatible): Prisma omits a column's default
-- operator class when it reads the database back, so text_ops would never match schema.prisma.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- DropIndex
DROP INDEX "Incident_search_idx";
DROP INDEX "Incident_title_idx";
DROP INDEX "ActionItem_search_idx";
DROP INDEX "ActionItem_title_idx";

-- DropIndex
DROP INDEX "ReportSectionText_search_idx";

-- DropIndex
DROP INDEX "TimelineEvent_search_idx";

-- DropIndex
DROP INDEX "WhyNode_search_idx";

-- DropIndex
DROP INDEX "WhyNode_statement_idx";

-- AlterTable
ALTER TABLE "ReportSectionText" ADD COLUMN     "teamId" text;

-- AlterTable
ALTER TABLE "TimelineEvent" ADD COLUMN     "teamId" text;

-- AlterTable
ALTER TABLE "WhyNode" ADD COLUMN     "teamId" text;

-- The copies of the team, for existing rows, then kept by triggers.
UPDATE "TimelineEvent" e SET "teamId" = i."teamId" FROM "Incident" i WHERE i.id = e."incidentId";
UPDATE "WhyNode" w SET "teamId" = i."teamId" FROM "Incident" i WHERE i.id = w."incidentId";
UPDATE "ReportSectionText" s SET "teamId" = i."teamId"
FROM "ReportVersion" v JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId"
WHERE v.id = s."reportVersionId";

CREATE FUNCTION "hindsight_copy_team_id"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ReportSectionText' THEN
    NEW."teamId" := (SELECT i."teamId" FROM "ReportVersion" v JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId" WHERE v.id = NEW."reportVersionId");
  ELSE
    NEW."teamId" := (SELECT i."teamId" FROM "Incident" i WHERE i.id = NEW."incidentId");
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "TimelineEvent_team_id" BEFORE INSERT OR UPDATE OF "incidentId", "teamId" ON "TimelineEvent"
FOR EACH ROW EXECUTE FUNCTION "hindsight_copy_team_id"();
CREATE TRIGGER "WhyNode_team_id" BEFORE INSERT OR UPDATE OF "incidentId", "teamId" ON "WhyNode"
FOR EACH ROW EXECUTE FUNCTION "hindsight_copy_team_id"();
CREATE TRIGGER "ReportSectionText_team_id" BEFORE INSERT OR UPDATE OF "reportVersionId", "teamId" ON "ReportSectionText"
FOR EACH ROW EXECUTE FUNCTION "hindsight_copy_team_id"();

-- An incident that changes team takes its rows' copies along.
CREATE FUNCTION "hindsight_move_team_id"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "TimelineEvent" SET "teamId" = NEW."teamId" WHERE "incidentId" = NEW.id;
  UPDATE "WhyNode" SET "teamId" = NEW."teamId" WHERE "incidentId" = NEW.id;
  UPDATE "ReportSectionText" s SET "teamId" = NEW."teamId"
  FROM "ReportVersion" v JOIN "Report" r ON r.id = v."reportId" WHERE v.id = s."reportVersionId" AND r."incidentId" = NEW.id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Incident_move_team_id" AFTER UPDATE OF "teamId" ON "Incident"
FOR EACH ROW WHEN (OLD."teamId" IS DISTINCT FROM NEW."teamId") EXECUTE FUNCTION "hindsight_move_team_id"();

-- CreateIndex
CREATE INDEX "ReportSectionText_teamId_search_idx" ON "ReportSectionText" USING GIN ("teamId" varchar_ops, "search");

-- CreateIndex
CREATE INDEX "TimelineEvent_teamId_search_idx" ON "TimelineEvent" USING GIN ("teamId" varchar_ops, "search");

-- CreateIndex
CREATE INDEX "WhyNode_teamId_search_idx" ON "WhyNode" USING GIN ("teamId" varchar_ops, "search");

-- CreateIndex
-- The statements' trigram index is GiST, not GIN: a multicolumn GIN index keeps one posting
-- list per trigram for every team, so a similarity probe read the whole database's lists for
-- common trigrams, while GiST splits its tree by the leading team first, so a probe descends
-- only its team's part. Signatures of 256 bytes: 5 Whys statements have ~60 trigrams, which
-- would fill the default 12-byte signature and make every entry a candidate.
-- (schema.prisma names the operator class without its parameter: Prisma reads it back so.)
CREATE INDEX "WhyNode_teamId_statement_idx" ON "WhyNode" USING GIST ("teamId", "statement" gist_trgm_ops(siglen=256));

-- Incidents and action items carry their team already: the same indexes on it.
CREATE INDEX "Incident_teamId_search_idx" ON "Incident" USING GIN ("teamId" varchar_ops, "search");
CREATE INDEX "Incident_teamId_title_idx" ON "Incident" USING GIST ("teamId", "title" gist_trgm_ops(siglen=64));
CREATE INDEX "ActionItem_teamId_search_idx" ON "ActionItem" USING GIN ("teamId" varchar_ops, "search");
CREATE INDEX "ActionItem_teamId_title_idx" ON "ActionItem" USING GIST ("teamId", "title" gist_trgm_ops(siglen=128));
