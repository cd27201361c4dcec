-- The store path's two inserts as PL/pgSQL functions (ADR 29), so that their plans are kept for the session like the
-- candidate query's and the planning's. What varied the statements' shape per article is an argument: the story's
-- search configuration with its title and summary (search_config, search_title, search_summary, as
-- src/db/search-sql.ts's searchDocumentParts prepares them for story_search_document) and the term counts due
-- (term_names, term_counts: empty arrays, nothing added, on the 49 articles of 50 that write none).
-- Called from src/db/article-sql.ts.

-- A story's search document: title (weight A) and summary (B) in its language's configuration, plus every word as
-- written (D) unless that configuration is 'simple' already. The one definition: src/db/search-sql.ts's
-- searchDocumentOf calls it too (a story's new lead after a split or merge), with the parts it prepares.
CREATE OR REPLACE FUNCTION story_search_document(config text, title text, summary text) RETURNS tsvector
LANGUAGE sql STABLE AS $fn$
  SELECT CASE WHEN config = 'simple'
    THEN setweight(to_tsvector('simple'::regconfig, title), 'A') || setweight(to_tsvector('simple'::regconfig, summary), 'B')
    ELSE setweight(to_tsvector(config::regconfig, title), 'A') || setweight(to_tsvector(config::regconfig, summary), 'B')
      || setweight(to_tsvector('simple'::regconfig, title || ' ' || summary), 'D')
  END
$fn$;

-- Adds term counts to TermStat, in term order, so that concurrent writers lock its rows in one order and cannot
-- deadlock. The one definition: the inserts below and src/db/article-sql.ts's writeTermCounts (a clean stop) call it.
CREATE OR REPLACE FUNCTION add_term_counts(term_names text[], term_counts int[]) RETURNS void
LANGUAGE plpgsql VOLATILE AS $fn$
BEGIN
  INSERT INTO "TermStat" (term, documents) SELECT * FROM unnest(term_names, term_counts) AS t(term, n) ORDER BY term
  ON CONFLICT (term) DO UPDATE SET documents = "TermStat".documents + excluded.documents;
END
$fn$;

-- The article as the lead of a new story (its id drawn first), its lookup keys, and the term counts due.
CREATE OR REPLACE FUNCTION store_insert_new_story(
  p_now timestamp, p_centroid jsonb, search_config text, search_title text, search_summary text,
  p_feed int, p_url text, p_guid text, p_title text, p_author text, p_source text, p_published timestamp,
  p_language text, p_image text, p_text text, p_summary text, p_hash text,
  p_countries text[], p_regions text[], p_topics text[], p_keys text[], term_names text[], term_counts int[])
RETURNS TABLE ("articleId" int, "storyId" int, "createdAt" timestamp)
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $fn$
#variable_conflict use_column
BEGIN
  IF cardinality(term_names) > 0 THEN PERFORM add_term_counts(term_names, term_counts); END IF;
  RETURN QUERY
  WITH next AS (SELECT nextval(pg_get_serial_sequence('"Article"', 'id'))::int AS id),
  story AS (
    INSERT INTO "Story" ("leadArticleId", title, summary, countries, regions, topics, "firstSeenAt", "lastArticleAt", size, centroid, search)
    SELECT next.id, p_title, p_summary, p_countries, p_regions, p_topics, p_now, p_now, 1, p_centroid,
      story_search_document(search_config, search_title, search_summary)
    FROM next
    RETURNING id
  ),
  article AS (
    INSERT INTO "Article" (id, "storyId", "feedId", url, guid, title, author, "sourceName", "publishedAt", "fetchedAt", language,
      "imageUrl", text, summary, "contentHash", countries, regions, topics, "createdAt")
    SELECT next.id, story.id, p_feed, p_url, p_guid, p_title, p_author, p_source, p_published, p_now, p_language,
      p_image, p_text, p_summary, p_hash, p_countries, p_regions, p_topics, p_now
    FROM next, story
    RETURNING id, "storyId", "createdAt"
  ),
  keys AS (
    INSERT INTO "ArticleKey" (key, "articleId", "storyId", "createdAt") SELECT DISTINCT k, next.id, story.id, p_now FROM next, story, unnest(p_keys) AS k
  )
  SELECT a.id, a."storyId", a."createdAt" FROM article a;
END
$fn$;

-- The article into an existing story, merging its countries, regions and topics into the story's (the story's order
-- kept, what is new appended); only into the story as it was read (p_version, its row's xmin; null: any) and not
-- merged away, else no row. factsChanged: the story's countries or topics gained something.
CREATE OR REPLACE FUNCTION store_insert_into_story(
  p_story int, p_version text, p_now timestamp, p_centroid jsonb,
  p_feed int, p_url text, p_guid text, p_title text, p_author text, p_source text, p_published timestamp,
  p_language text, p_image text, p_text text, p_summary text, p_hash text,
  p_countries text[], p_regions text[], p_topics text[], p_keys text[], term_names text[], term_counts int[])
RETURNS TABLE ("articleId" int, "createdAt" timestamp, countries text[], topics text[], "factsChanged" boolean)
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $fn$
#variable_conflict use_column
BEGIN
  IF cardinality(term_names) > 0 THEN PERFORM add_term_counts(term_names, term_counts); END IF;
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
      "lastArticleAt" = p_now, size = s.size + 1, centroid = p_centroid
    WHERE s.id = p_story AND s."mergedIntoId" IS NULL AND (p_version IS NULL OR s.xmin::text = p_version)
    RETURNING s.countries, s.topics
  )
  SELECT article.id, article."createdAt", story.countries, story.topics,
    (story.countries <> before.countries OR story.topics <> before.topics)
  FROM article, story, before;
END
$fn$;
