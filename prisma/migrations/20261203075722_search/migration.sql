-- Search (lib/search). Hand-edited from the generated diff: Prisma cannot declare generated
-- columns, so schema.prisma shows them as dbgenerated defaults (its diff accepts both) and
-- this migration makes them GENERATED ALWAYS … STORED, so PostgreSQL keeps every tsvector in
-- step with its text without application code.
-- (No semicolons in comments or bodies: the driver adapter splits the script on them.)
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Generated columns need IMMUTABLE expressions, and array_to_string is only STABLE (for text[]
-- it is immutable in practice), and naming the expressions keeps schema.prisma readable.
CREATE FUNCTION hindsight_weighted_search(a text, b text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('english'::regconfig, coalesce(a, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(b, '')), 'B') $$;

CREATE FUNCTION hindsight_incident_search(title text, summary text, impact text, services text[], tags text[]) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('english'::regconfig, coalesce(summary, '') || ' ' || coalesce(impact, '')), 'B')
      || setweight(to_tsvector('simple'::regconfig, coalesce(array_to_string(services || tags, ' '), '')), 'C') $$;

-- AlterTable
ALTER TABLE "ActionItem" ADD COLUMN     "search" tsvector GENERATED ALWAYS AS (hindsight_weighted_search(title, description)) STORED;

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "search" tsvector GENERATED ALWAYS AS (hindsight_incident_search(title, summary, "customerImpact", services, tags)) STORED;

-- AlterTable
ALTER TABLE "TimelineEvent" ADD COLUMN     "search" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, body)) STORED;

-- AlterTable
ALTER TABLE "WhyNode" ADD COLUMN     "search" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, statement)) STORED;

-- CreateTable
CREATE TABLE "ReportSectionText" (
    "id" TEXT NOT NULL,
    "reportVersionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "search" tsvector GENERATED ALWAYS AS (hindsight_weighted_search(title, body)) STORED,

    CONSTRAINT "ReportSectionText_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportSectionText_search_idx" ON "ReportSectionText" USING GIN ("search");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSectionText_reportVersionId_key_key" ON "ReportSectionText"("reportVersionId", "key");

-- CreateIndex
CREATE INDEX "ActionItem_search_idx" ON "ActionItem" USING GIN ("search");

-- CreateIndex
CREATE INDEX "ActionItem_title_idx" ON "ActionItem" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Incident_search_idx" ON "Incident" USING GIN ("search");

-- CreateIndex
CREATE INDEX "Incident_title_idx" ON "Incident" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "TimelineEvent_search_idx" ON "TimelineEvent" USING GIN ("search");

-- CreateIndex
CREATE INDEX "WhyNode_search_idx" ON "WhyNode" USING GIN ("search");

-- CreateIndex
CREATE INDEX "WhyNode_statement_idx" ON "WhyNode" USING GIN ("statement" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "ReportSectionText" ADD CONSTRAINT "ReportSectionText_reportVersionId_fkey" FOREIGN KEY ("reportVersionId") REFERENCES "ReportVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
