ALTER TABLE "notifications" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
CREATE INDEX "monitoring_occurrences_open_window_end_idx" ON "monitoring_occurrences" USING btree ("window_end") WHERE "monitoring_occurrences"."status" in ('upcoming', 'due');--> statement-breakpoint
CREATE INDEX "monitoring_occurrences_upcoming_window_start_idx" ON "monitoring_occurrences" USING btree ("window_start") WHERE "monitoring_occurrences"."status" = 'upcoming';--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key");