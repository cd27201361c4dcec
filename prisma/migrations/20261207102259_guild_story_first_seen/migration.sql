-- A guild's row of a story carries the story's firstSeenAt, indexed with the guild, so that `/news latest` reads the
-- guild's newest stories as the first entries of one index (src/db/lookups.ts, latestStories). Ordered by the story's
-- own column instead, it walked every stored story newest first and asked each whether the guild had it: a server
-- with 20 of 100,000 stories read all 100,000 (0.14–0.4 s on the embedded database, docs/benchmarks.md).
--
-- The copy is the database's to keep, not the callers': rows are written by store_plan_story, insertGuildStories and
-- tests alike, and a copy that could differ would reorder the list. A row takes its story's value whatever the insert
-- gives (the column's default only satisfies Prisma's types), and a story whose firstSeenAt changes (none does today:
-- a split makes a new story) passes it on to its rows.

-- AlterTable. First with '-infinity' for the rows written before: the update below leaves their old versions dead
-- but in place until a VACUUM (the nightly maintenance), and the index built in the same transaction holds them too
-- (PostgreSQL indexes what its own transaction deleted). Under '-infinity' they sort after every live row of their
-- guild; under the migration's time they sorted first, and each `/news latest` of a big server stepped over all of
-- them (100,000: 4–10 ms instead of 0.1) until the night.
ALTER TABLE "GuildStory" ADD COLUMN     "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT '-infinity';

-- The rows written before, in one join, before the row trigger exists (it would read each row's story again). The
-- script is one transaction, and the ALTER above keeps other writers of the table waiting until it commits. The index
-- is built at the end, once, rather than kept through this update.
UPDATE "GuildStory" g SET "firstSeenAt" = s."firstSeenAt" FROM "Story" s WHERE s.id = g."storyId";

ALTER TABLE "GuildStory" ALTER COLUMN "firstSeenAt" SET DEFAULT CURRENT_TIMESTAMP;

-- A missing story leaves the value given, so that the foreign key refuses the row as it did before.
CREATE OR REPLACE FUNCTION guild_story_first_seen() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW."firstSeenAt" := coalesce((SELECT s."firstSeenAt" FROM "Story" s WHERE s.id = NEW."storyId"), NEW."firstSeenAt");
  RETURN NEW;
END
$fn$;

CREATE TRIGGER "GuildStory_firstSeenAt_copy" BEFORE INSERT OR UPDATE OF "storyId", "firstSeenAt" ON "GuildStory"
FOR EACH ROW EXECUTE FUNCTION guild_story_first_seen();

CREATE OR REPLACE FUNCTION story_first_seen_to_guilds() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE "GuildStory" SET "firstSeenAt" = NEW."firstSeenAt" WHERE "storyId" = NEW.id;
  RETURN NULL;
END
$fn$;

-- Only when the column is written and changes: the store's updates of a story (its last article, size, centroid)
-- never name it, so they do not run this.
CREATE TRIGGER "Story_firstSeenAt_copy" AFTER UPDATE OF "firstSeenAt" ON "Story"
FOR EACH ROW WHEN (OLD."firstSeenAt" IS DISTINCT FROM NEW."firstSeenAt") EXECUTE FUNCTION story_first_seen_to_guilds();

-- CreateIndex
CREATE INDEX "GuildStory_guildId_firstSeenAt_storyId_idx" ON "GuildStory"("guildId", "firstSeenAt" DESC, "storyId" DESC);
