-- AlterTable
ALTER TABLE "ArticleKey" ADD COLUMN     "storyId" INTEGER;

-- Keys stored before this column existed take their article's story.
UPDATE "ArticleKey" k SET "storyId" = a."storyId" FROM "Article" a WHERE a.id = k."articleId";
