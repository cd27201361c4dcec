-- store_insert_into_story, again (ADR 29):
-- * It locks the story's row before the TermStat rows of the term counts it writes, as the single statement it
--   replaced did. Counted first, they deadlocked with a store that merges stories: that store locks the stories
--   (articles.ts lockMergingStories) and then counts its terms, while another process's join into one of those
--   stories held the TermStat rows and waited on the story.
-- * The joining article's title joins the story's search document (weight C, in the article's own configuration,
--   plus its words as written at D: article_title_document), so that `/news search` finds a story by any of its
--   outlets' headlines, in any of their languages, not only by its lead's (ADR 3). A document is not grown past 4,000
--   lexemes (story_search_grown). It takes the article's search configuration and spaced title (search_config,
--   search_title), so the function is made anew with them.

CREATE OR REPLACE FUNCTION article_title_document(config text, title text) RETURNS tsvector
LANGUAGE sql STABLE AS $fn$
  SELECT CASE WHEN config = 'simple'
    THEN setweight(to_tsvector('simple'::regconfig, title), 'C')
    ELSE setweight(to_tsvector(config::regconfig, title), 'C') || setweight(to_tsvector('simple'::regconfig, title), 'D')
  END
$fn$;

-- A story's document with more words added, unless it holds 4,000 lexemes already: the one rule for growing it, here
-- and in src/db/story-edits.ts (a merge).
CREATE OR REPLACE FUNCTION story_search_grown(search tsvector, more tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE WHEN coalesce(length(search), 0) < 4000 THEN coalesce(search, ''::tsvector) || more ELSE search END
$fn$;

DROP FUNCTION store_insert_into_story(int, text, timestamp, jsonb, int, text, text, text, text, text, timestamp, text, text, text, text, text, text[], text[], text[], text[], text[], int[]);

-- The article into an existing story, merging its countries, regions and topics into the story's (the story's order
-- kept, what is new appended); only into the story as it was read (p_version, its row's xmin; null: any) and not
-- merged away, else no row. factsChanged: the story's countries or topics gained something.
CREATE FUNCTION store_insert_into_story(
  p_story int, p_version text, p_now timestamp, p_centroid jsonb, search_config text, search_title text,
  p_feed int, p_url text, p_guid text, p_title text, p_author text, p_source text, p_published timestamp,
  p_language text, p_image text, p_text text, p_summary text, p_hash text,
  p_countries text[], p_regions text[], p_topics text[], p_keys text[], term_names text[], term_counts int[])
RETURNS TABLE ("articleId" int, "createdAt" timestamp, countries text[], topics text[], "factsChanged" boolean)
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH before AS (SELECT b.countries, b.topics FROM "Story" b WHERE b.id = p_story),
  article AS (
    INSERT INTO "Article" ("storyId", "feedId", url, guid, title, author, "sourceName", "publishedAt", "fetchedAt", language,
      "imageUrl", text, summary, "contentHash", countries, regions, topics, "createdAt")
    VALUES (p_story, p_feed, p_url, p_guid, p_title, p_author, p_source, p_published, p_now,
      p_language, p_image, p_text, p_summary, p_hash, p_countries, p_regions, p_topics, p_now)
    RETURNING id, "createdAt"
  ),
  keys AS (
    INSERT INTO "ArticleKey" (key, "articleId", "storyId", "createdAt") SELECT DISTINCT k, article.id, p_story, p_now FROM article, unnest(p_keys) AS k
  ),
  story AS (
    UPDATE "Story" s SET
      countries = s.countries || ARRAY(SELECT v FROM unnest(p_countries) WITH ORDINALITY AS u(v, n) WHERE v <> ALL(s.countries) ORDER BY n),
      regions = s.regions || ARRAY(SELECT v FROM unnest(p_regions) WITH ORDINALITY AS u(v, n) WHERE v <> ALL(s.regions) ORDER BY n),
      topics = s.topics || ARRAY(SELECT v FROM unnest(p_topics) WITH ORDINALITY AS u(v, n) WHERE v <> ALL(s.topics) ORDER BY n),
      "lastArticleAt" = p_now, size = s.size + 1, centroid = p_centroid,
      search = story_search_grown(s.search, article_title_document(search_config, search_title))
    WHERE s.id = p_story AND s."mergedIntoId" IS NULL AND (p_version IS NULL OR s.xmin::text = p_version)
    RETURNING s.countries, s.topics
  )
  SELECT article.id, article."createdAt", story.countries, story.topics,
    (story.countries <> before.countries OR story.topics <> before.topics)
  FROM article, story, before;
  -- After the story's row (RETURN QUERY does not return): see the header.
  IF cardinality(term_names) > 0 THEN PERFORM add_term_counts(term_names, term_counts); END IF;
END
$fn$;
