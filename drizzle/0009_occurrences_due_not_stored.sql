-- An open monitoring occurrence is stored 'upcoming' whatever the date (src/jobs/recompute.ts
-- storedOccurrenceStatus): §6 makes it due exactly when it is unsatisfied and the date is inside
-- its window, which window_start and window_end already say, and the daily sweep no longer
-- rewrites every occurrence whose window opened (issue #5: half of its time, each UPDATE non-HOT).
-- Rows stored 'due' before this are converted once; the CHECK still allows 'due' (old backups)
-- and the open-occurrence index predicates still name it.
UPDATE "monitoring_occurrences" SET "status" = 'upcoming' WHERE "status" = 'due';
