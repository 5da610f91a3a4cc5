-- DropIndex
DROP INDEX "ActionItem_teamId_title_idx";

-- CreateTable
CREATE TABLE "SearchWord" (
    "teamId" TEXT NOT NULL,
    "word" TEXT NOT NULL,

    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("teamId","word")
);

-- AddForeignKey
ALTER TABLE "SearchWord" ADD CONSTRAINT "SearchWord_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The words of a text as the vocabulary keeps them: lower case, letters only (a word with digits,
-- like "p99" or "http2", is no typo to correct), 3 to 40 letters (a word may come more than once).
CREATE FUNCTION hindsight_words(body text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT w FROM regexp_split_to_table(lower(body), '[^[:alpha:]]+') w WHERE length(w) BETWEEN 3 AND 40 $$;

-- Adds the words of a statement's new or changed rows to their team's vocabulary, in key order
-- (two writers that share new words lock them in the same order: no deadlock), skipping words
-- already there. An update that changes neither the text nor the team (a status, a timestamp)
-- reads no words. The trigger's argument is the row's text that search reads (its tsvector's
-- sources), as SQL over the row's alias (%1$s).
CREATE FUNCTION "hindsight_add_search_words"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r_text text := format(TG_ARGV[0], 'r');
  o_text text := format(TG_ARGV[0], 'o');
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('INSERT INTO "SearchWord" ("teamId", word)
      SELECT DISTINCT r."teamId", w FROM new_rows r, hindsight_words(%s) w
      WHERE r."teamId" IS NOT NULL ORDER BY 1, 2 ON CONFLICT DO NOTHING', r_text);
  ELSE
    EXECUTE format('INSERT INTO "SearchWord" ("teamId", word)
      SELECT DISTINCT r."teamId", w FROM new_rows r JOIN old_rows o ON o.id = r.id, hindsight_words(%s) w
      WHERE r."teamId" IS NOT NULL AND (r."teamId" IS DISTINCT FROM o."teamId" OR (%s) IS DISTINCT FROM (%s))
      ORDER BY 1, 2 ON CONFLICT DO NOTHING', r_text, r_text, o_text);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Incident_search_words_insert" AFTER INSERT ON "Incident"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_add_search_words"('concat_ws('' '', %1$s.title, %1$s.summary, %1$s."customerImpact", array_to_string(%1$s.services, '' ''), array_to_string(%1$s.tags, '' ''))');
CREATE TRIGGER "Incident_search_words_update" AFTER UPDATE ON "Incident"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_add_search_words"('concat_ws('' '', %1$s.title, %1$s.summary, %1$s."customerImpact", array_to_string(%1$s.services, '' ''), array_to_string(%1$s.tags, '' ''))');
CREATE TRIGGER "ActionItem_search_words_insert" AFTER INSERT ON "ActionItem"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_add_search_words"('concat_ws('' '', %1$s.title, %1$s.description)');
CREATE TRIGGER "ActionItem_search_words_update" AFTER UPDATE ON "ActionItem"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_add_search_words"('concat_ws('' '', %1$s.title, %1$s.description)');
CREATE TRIGGER "WhyNode_search_words_insert" AFTER INSERT ON "WhyNode"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_add_search_words"('%1$s.statement');
CREATE TRIGGER "WhyNode_search_words_update" AFTER UPDATE ON "WhyNode"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_add_search_words"('%1$s.statement');
CREATE TRIGGER "TimelineEvent_search_words_insert" AFTER INSERT ON "TimelineEvent"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_add_search_words"('%1$s.body');
CREATE TRIGGER "TimelineEvent_search_words_update" AFTER UPDATE ON "TimelineEvent"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_add_search_words"('%1$s.body');
CREATE TRIGGER "ReportSectionText_search_words_insert" AFTER INSERT ON "ReportSectionText"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_add_search_words"('concat_ws('' '', %1$s.title, %1$s.body)');
CREATE TRIGGER "ReportSectionText_search_words_update" AFTER UPDATE ON "ReportSectionText"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_add_search_words"('concat_ws('' '', %1$s.title, %1$s.body)');

-- Every team's vocabulary from its rows as they are (the rows written before it existed, or a
-- database filled with triggers off, like the scale bench's): adds what is missing.
CREATE FUNCTION "hindsight_fill_search_words"() RETURNS void LANGUAGE sql AS $$
INSERT INTO "SearchWord" ("teamId", word)
SELECT DISTINCT t, w FROM (
(SELECT DISTINCT r."teamId" AS t, w FROM "Incident" r, hindsight_words(concat_ws(' ', r.title, r.summary, r."customerImpact", array_to_string(r.services, ' '), array_to_string(r.tags, ' '))) w WHERE r."teamId" IS NOT NULL)
  UNION ALL (SELECT DISTINCT r."teamId" AS t, w FROM "ActionItem" r, hindsight_words(concat_ws(' ', r.title, r.description)) w WHERE r."teamId" IS NOT NULL)
  UNION ALL (SELECT DISTINCT r."teamId" AS t, w FROM "WhyNode" r, hindsight_words(r.statement) w WHERE r."teamId" IS NOT NULL)
  UNION ALL (SELECT DISTINCT r."teamId" AS t, w FROM "TimelineEvent" r, hindsight_words(r.body) w WHERE r."teamId" IS NOT NULL)
  UNION ALL (SELECT DISTINCT r."teamId" AS t, w FROM "ReportSectionText" r, hindsight_words(concat_ws(' ', r.title, r.body)) w WHERE r."teamId" IS NOT NULL)
) x
ORDER BY 1, 2
ON CONFLICT DO NOTHING;
$$;

SELECT "hindsight_fill_search_words"();

-- The nearest word of the team (<->, KNN) and prefixes (LIKE 'paym%'), led by the team's key as
-- the statements' trigram index (see the why_statement_team_key migration): one team's words per page.
CREATE INDEX "SearchWord_team_word_idx" ON "SearchWord" USING GIST (hindsight_team_key("teamId"), word gist_trgm_ops);
