-- store_plan_story again: a story a server has but never posted nor held (every source of the server that brought
-- it had a filter that kept it out) is posted when a later article of it comes through a source that lets it through,
-- as a story new to the server is. The server's row for the story (GuildStory, kept so that /news search finds it)
-- made the story look posted there, and the later article planned only edits of posts that did not exist: a story a
-- filter held back at first stayed unposted for good however it grew. Otherwise the function is the one of
-- 20261207111500_store_plan_story_tag_races, word for word: a function that has landed is changed by replacing it.

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
    SELECT DISTINCT ON (w.g, w.name) w.g, w.name, w.label, w.kind::"TagKind" FROM wanted w
    WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f."guildId" = w.g AND (f.name = w.name OR w.name = ANY(f.aliases)))
    ON CONFLICT ("guildId", name) DO UPDATE SET name = EXCLUDED.name
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
      OR (NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."storyId" = p_story AND d."guildId" = x.g)
        AND NOT EXISTS (SELECT 1 FROM "HeldPost" h WHERE h."storyId" = p_story AND h."guildId" = x.g))
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

