-- DropIndex
DROP INDEX "Incident_teamId_startedAt_id_idx";

-- DropIndex
DROP INDEX "Incident_teamId_status_idx";

-- AlterTable
ALTER TABLE "ReportVersion" ADD COLUMN     "htmlRenderer" TEXT,
ADD COLUMN     "stakeholderHtml" TEXT,
ADD COLUMN     "teamHtml" TEXT;

-- CreateTable
CREATE TABLE "TeamService" (
    "teamId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "incidents" INTEGER NOT NULL,

    CONSTRAINT "TeamService_pkey" PRIMARY KEY ("teamId","service")
);

-- CreateIndex
CREATE INDEX "ActionItem_teamId_dueDate_priority_createdAt_id_idx" ON "ActionItem"("teamId", "dueDate" ASC, "priority", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Incident_teamId_startedAt_id_idx" ON "Incident"("teamId", "startedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Incident_teamId_status_startedAt_id_idx" ON "Incident"("teamId", "status", "startedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Incident_teamId_severity_startedAt_id_idx" ON "Incident"("teamId", "severity", "startedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Incident_services_idx" ON "Incident" USING GIN ("services");

-- CreateIndex
CREATE INDEX "ReportVersion_publishedAt_idx" ON "ReportVersion"("publishedAt" DESC);

-- AddForeignKey
ALTER TABLE "TeamService" ADD CONSTRAINT "TeamService_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- TeamService: the options of the service filter, kept by a trigger so every writer (app, API,
-- imports, SQL seeds) maintains it. Counts per (team, service), options are the rows with
-- incidents > 0. Only the services that changed are touched.
CREATE FUNCTION "hindsight_team_services"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "TeamService" ts SET "incidents" = ts."incidents" - 1
    FROM (SELECT DISTINCT s FROM unnest(OLD."services") s
          WHERE TG_OP = 'DELETE' OR OLD."teamId" <> NEW."teamId" OR NOT (s = ANY (NEW."services"))) gone
    WHERE ts."teamId" = OLD."teamId" AND ts."service" = gone.s;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "TeamService" ("teamId", "service", "incidents")
    SELECT NEW."teamId", s, 1 FROM (SELECT DISTINCT s FROM unnest(NEW."services") s
          WHERE TG_OP = 'INSERT' OR OLD."teamId" <> NEW."teamId" OR NOT (s = ANY (OLD."services"))) added
    ON CONFLICT ("teamId", "service") DO UPDATE SET "incidents" = "TeamService"."incidents" + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Incident_team_services"
AFTER INSERT OR DELETE OR UPDATE OF "services", "teamId" ON "Incident"
FOR EACH ROW EXECUTE FUNCTION "hindsight_team_services"();

INSERT INTO "TeamService" ("teamId", "service", "incidents")
SELECT "teamId", s, count(DISTINCT id)::int FROM "Incident", unnest("services") s GROUP BY "teamId", s;
