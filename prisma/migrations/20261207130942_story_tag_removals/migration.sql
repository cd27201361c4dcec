-- CreateTable
CREATE TABLE "StoryTagRemoval" (
    "guildId" TEXT NOT NULL,
    "storyId" INTEGER NOT NULL,
    "tagId" INTEGER NOT NULL,
    "removedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoryTagRemoval_pkey" PRIMARY KEY ("guildId","storyId","tagId")
);

-- CreateIndex
CREATE INDEX "StoryTagRemoval_storyId_idx" ON "StoryTagRemoval"("storyId");

-- CreateIndex
CREATE INDEX "StoryTagRemoval_tagId_idx" ON "StoryTagRemoval"("tagId");

-- AddForeignKey
ALTER TABLE "StoryTagRemoval" ADD CONSTRAINT "StoryTagRemoval_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryTagRemoval" ADD CONSTRAINT "StoryTagRemoval_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A tag a moderator or member removed from a story (`/tag remove`) is not set on it again by the pipeline, which
-- re-inserts a story's country, region, topic and source tags when an article joins it (store_plan_story's `tagged`
-- step, ON CONFLICT DO NOTHING): the removal came back with the next outlet's report. Skipped here, before the insert,
-- rather than in store_plan_story, which a landed migration would have to replace whole (ADR 33). The pipeline's links
-- are those without an `addedById`; a tag added by hand goes in, and clears the removal (src/db/tags.ts).
CREATE FUNCTION story_tag_not_removed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM "StoryTagRemoval" r WHERE r."guildId" = NEW."guildId" AND r."storyId" = NEW."storyId" AND r."tagId" = NEW."tagId") THEN
    RETURN NULL;
  END IF;
  RETURN NEW;
END
$fn$;

CREATE TRIGGER "StoryTag_not_removed" BEFORE INSERT ON "StoryTag"
  FOR EACH ROW WHEN (NEW."addedById" IS NULL) EXECUTE FUNCTION story_tag_not_removed();
