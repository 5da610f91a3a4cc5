-- DropIndex
DROP INDEX "WhyNode_teamId_statement_idx";

-- The team as a GiST key that keeps each team's entries on index pages of their own. The
-- (teamId, statement) index led with btree_gist's text key, whose page split halves a page by
-- count (not at a team boundary) and whose insert penalty is nil for any page whose range
-- covers the team: at 100k incidents 5,700 of its 7,413 leaf pages held several teams, team 1's
-- 15,120 statements were spread over 751 of them, and a similarity probe of team 1 read 501
-- pages. A one-point range of a hash of the team id is split by the range opclass, which cuts
-- between distinct values: no leaf page holds two teams, team 1 fills 372, and the same probe
-- reads 215 pages (9 -> 6 ms). Teams whose hashes collide share pages; every query still tests
-- "teamId" itself. md5, not hashtext: the key is stored in the index, so it must never change.
CREATE FUNCTION hindsight_team_key(team_id text) RETURNS int8range
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT int8range(('x' || left(md5(team_id), 15))::bit(60)::int8, ('x' || left(md5(team_id), 15))::bit(60)::int8, '[]') $$;

-- CreateIndex
-- Trigram index of the 5 Whys statements (typos in search, similar incidents), team first.
-- Signatures of 256 bytes: statements have ~60 trigrams (see team_text_indexes).
CREATE INDEX "WhyNode_team_statement_idx" ON "WhyNode" USING GIST (hindsight_team_key("teamId"), "statement" gist_trgm_ops(siglen=256));
