-- CreateTable
CREATE TABLE "TeamActionCount" (
    "teamId" TEXT NOT NULL,
    "status" "ActionStatus" NOT NULL,
    "items" INTEGER NOT NULL,

    CONSTRAINT "TeamActionCount_pkey" PRIMARY KEY ("teamId","status")
);

-- AddForeignKey
ALTER TABLE "TeamActionCount" ADD CONSTRAINT "TeamActionCount_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- TeamActionCount: the action items page's per-status counts, kept by statement triggers so every
-- writer (app, API, imports, cascades from deleted incidents) keeps them exact in its own
-- transaction. Each statement's changes are summed per (team, status) and applied one counter at
-- a time in key order, so two writers lock the counters they share in the same order (no
-- deadlock). A removal only ever updates: when a team is deleted its counters go with it.
CREATE FUNCTION "hindsight_apply_action_counts"("teamIds" TEXT[], "statuses" TEXT[], "deltas" INTEGER[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE d record;
BEGIN
  FOR d IN
    SELECT u.t, u.s::"ActionStatus" AS s, sum(u.n)::int AS n
    FROM unnest("teamIds", "statuses", "deltas") AS u(t, s, n)
    GROUP BY u.t, u.s HAVING sum(u.n) <> 0 ORDER BY u.t, u.s
  LOOP
    IF d.n > 0 THEN
      INSERT INTO "TeamActionCount" ("teamId", "status", "items") VALUES (d.t, d.s, d.n)
      ON CONFLICT ("teamId", "status") DO UPDATE SET "items" = "TeamActionCount"."items" + EXCLUDED."items";
    ELSE
      UPDATE "TeamActionCount" SET "items" = "items" + d.n WHERE "teamId" = d.t AND "status" = d.s;
    END IF;
  END LOOP;
END;
$$;

CREATE FUNCTION "hindsight_team_action_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "hindsight_apply_action_counts"(array_agg("teamId"), array_agg("status"::text), array_agg(1))
    FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "hindsight_apply_action_counts"(array_agg("teamId"), array_agg("status"::text), array_agg(-1))
    FROM old_rows;
  ELSE
    PERFORM "hindsight_apply_action_counts"(array_agg(c.t), array_agg(c.s), array_agg(c.n))
    FROM (SELECT "teamId" AS t, "status"::text AS s, 1 AS n FROM new_rows
          UNION ALL SELECT "teamId", "status"::text, -1 FROM old_rows) c;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "ActionItem_team_counts_insert" AFTER INSERT ON "ActionItem"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_team_action_counts"();
CREATE TRIGGER "ActionItem_team_counts_update" AFTER UPDATE ON "ActionItem"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_team_action_counts"();
CREATE TRIGGER "ActionItem_team_counts_delete" AFTER DELETE ON "ActionItem"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "hindsight_team_action_counts"();

INSERT INTO "TeamActionCount" ("teamId", "status", "items")
SELECT "teamId", "status", count(*)::int FROM "ActionItem" GROUP BY "teamId", "status";
