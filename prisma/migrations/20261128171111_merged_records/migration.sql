-- Merging two actors or sources (src/records/merge.ts): the merged record's revision says MERGED
-- (UNMERGED when undone), and the redirect from its slug names it, so that a lookup can say the
-- slug was merged rather than renamed, and an unmerge can find the redirects to take back.
-- AlterEnum

ALTER TYPE "RevisionAction" ADD VALUE 'MERGED';
ALTER TYPE "RevisionAction" ADD VALUE 'UNMERGED';

-- AlterTable
ALTER TABLE "SlugRedirect" ADD COLUMN     "mergedFromId" UUID;
