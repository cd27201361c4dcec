-- Two of the store path's statements as PL/pgSQL functions (ADR 29): a function keeps its statement's plan for the
-- session, where the same SQL sent as a query is parsed and planned again for every stored article. Called from
-- src/db/article-sql.ts and src/db/delivery-sql.ts; a change to either statement is a new migration that replaces its
-- function.

-- The stories of recent articles that share a lookup key with the new one: for each key its 20 newest articles in the
-- window (index probes on ArticleKey), then the 15 stories met most often by words and the 5 by names and numbers
-- (`t:~…`, `t:#…`, ranked apart so that they add candidates without displacing those the words find). A centroid is
-- left out (null) where the caller holds the story's row in its current version (`xmin`): held_ids and held_versions.
CREATE OR REPLACE FUNCTION store_candidate_stories(keys text[], since timestamp, held_ids int[], held_versions text[])
RETURNS TABLE (id int, size int, version text, centroid jsonb, "byNamesOnly" boolean)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $fn$
BEGIN
  RETURN QUERY
  WITH hits AS MATERIALIZED (
    SELECT r."storyId", (q.key LIKE 't:~%' OR q.key LIKE 't:#%') AS neutral
    FROM unnest(keys) AS q(key)
    CROSS JOIN LATERAL (
      SELECT k."storyId" FROM "ArticleKey" k WHERE k.key = q.key AND k."createdAt" >= since ORDER BY k."createdAt" DESC LIMIT 20
    ) r
    WHERE r."storyId" IS NOT NULL
  )
  , by_words AS (SELECT h."storyId" FROM hits h WHERE NOT h.neutral GROUP BY h."storyId" ORDER BY count(*) DESC, h."storyId" DESC LIMIT 15)
  , by_names AS (SELECT h."storyId" FROM hits h WHERE h.neutral GROUP BY h."storyId" ORDER BY count(*) DESC, h."storyId" DESC LIMIT 5)
  SELECT s.id, s.size, s.xmin::text,
    CASE WHEN s.xmin::text = held_versions[array_position(held_ids, s.id)] THEN NULL ELSE s.centroid END,
    s.id NOT IN (SELECT w."storyId" FROM by_words w)
  FROM "Story" s
  WHERE s.id IN (SELECT w."storyId" FROM by_words w UNION SELECT n."storyId" FROM by_names n);
END
$fn$;

-- Plans a stored article's story in the guilds that follow its feed (src/db/delivery-sql.ts, planStorySql, says what
-- each part does). Each row returned is one planned post or edit. The tags come as parallel arrays (tag_guilds,
-- tag_names, …), the channels too (slot_guilds, …); posts_per_hour null: no quota, so no channel is full and nothing is
-- held. The edit's condition is outbox.ts's refreshSql (test/unit/db/store-batching.test.ts holds them together).
CREATE OR REPLACE FUNCTION store_plan_story(
  p_story int, p_now timestamp, p_guilds text[], p_retag boolean,
  tag_guilds text[], tag_names text[], tag_labels text[], tag_kinds text[], p_distinct_names text[],
  slot_guilds text[], slot_channels text[], slot_nonces text[], slot_roles text[], slot_routed boolean[],
  posts_per_hour int, p_hour_ago timestamp)
RETURNS TABLE (action text, id int, "guildId" text, "channelId" text)
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH fresh AS (
    INSERT INTO "GuildStory" ("guildId", "storyId", "createdAt")
    SELECT g, p_story, p_now FROM unnest(p_guilds) AS g
    ON CONFLICT DO NOTHING RETURNING "guildId"
  ),
  wanted AS (
    SELECT * FROM unnest(tag_guilds, tag_names, tag_labels, tag_kinds) AS w(g, name, label, kind)
    WHERE p_retag OR w.g IN (SELECT "guildId" FROM fresh)
  ),
  found AS (
    SELECT t.id, t.banned, t."guildId", t.name, t.aliases FROM "Tag" t
    WHERE t."guildId" = ANY(CASE WHEN p_retag THEN p_guilds ELSE ARRAY(SELECT "guildId" FROM fresh) END) AND (t.name = ANY(p_distinct_names) OR t.aliases && p_distinct_names)
      AND EXISTS (SELECT 1 FROM wanted w WHERE w.g = t."guildId" AND (w.name = t.name OR w.name = ANY(t.aliases)))
  ),
  created AS (
    INSERT INTO "Tag" ("guildId", name, label, kind)
    SELECT w.g, w.name, w.label, w.kind::"TagKind" FROM wanted w
    WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f."guildId" = w.g AND (f.name = w.name OR w.name = ANY(f.aliases)))
    ON CONFLICT DO NOTHING
    RETURNING id, banned, "guildId"
  ),
  tagged AS (
    INSERT INTO "StoryTag" ("guildId", "storyId", "tagId", "createdAt")
    SELECT DISTINCT g, p_story, id, p_now
    FROM (SELECT "guildId" AS g, id, banned FROM found UNION ALL SELECT "guildId", id, banned FROM created) AS tags
    WHERE NOT banned
    ON CONFLICT DO NOTHING
  ),
  edits AS (
    UPDATE "Delivery" SET "editDueAt" = LEAST(COALESCE("editDueAt", p_now), p_now)
    WHERE "storyId" = p_story AND "guildId" = ANY(p_guilds) AND "guildId" NOT IN (SELECT "guildId" FROM fresh)
      AND (status = 'posted' OR (status = 'pending' AND "claimedAt" IS NOT NULL))
    RETURNING id, "guildId", "channelId"
  ),
  slots AS MATERIALIZED (
    SELECT x.g, x.c, x.n, x.r,
      (posts_per_hour IS NULL OR (SELECT count(*) FROM "Delivery" d WHERE d."guildId" = x.g AND d."channelId" = x.c AND d."createdAt" > p_hour_ago) < posts_per_hour) AS open
    FROM unnest(slot_guilds, slot_channels, slot_nonces, slot_roles, slot_routed) AS x(g, c, n, r, routed)
    WHERE x.g IN (SELECT "guildId" FROM fresh)
      OR (x.routed
        AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."storyId" = p_story AND d."guildId" = x.g AND d."channelId" = x.c)
        AND NOT EXISTS (SELECT 1 FROM "HeldPost" h WHERE h."guildId" = x.g AND h."storyId" = p_story AND h."channelId" = x.c))
  ),
  posts AS (
    INSERT INTO "Delivery" ("storyId", "guildId", "channelId", nonce, "mentionRoleId", "nextAttemptAt", "createdAt", "updatedAt")
    SELECT p_story, s.g, s.c, s.n, s.r, p_now, p_now, p_now FROM slots s WHERE s.open
    ON CONFLICT DO NOTHING RETURNING id, "guildId", "channelId"
  ),
  held AS (
    INSERT INTO "HeldPost" ("guildId", "storyId", "channelId", "createdAt")
    SELECT s.g, p_story, s.c, p_now FROM slots s WHERE NOT s.open
    ON CONFLICT DO NOTHING
  )
  SELECT 'edit'::text, e.id, e."guildId", e."channelId" FROM edits e
  UNION ALL
  SELECT 'post'::text, p.id, p."guildId", p."channelId" FROM posts p;
END
$fn$;
