ALTER TABLE "certifications" ADD COLUMN "enrollment_form_signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "attested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dispenses" ADD COLUMN "recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "infusions" ADD COLUMN "active_infection" boolean;--> statement-breakpoint
ALTER TABLE "infusions" ADD COLUMN "antiviral_started" boolean;--> statement-breakpoint
ALTER TABLE "infusions" ADD COLUMN "reactions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "infusions" ADD COLUMN "stroke_education_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "infusions" ADD COLUMN "discharged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "infusions" ADD COLUMN "discharge_override_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "authorizations_one_per_course" ON "authorizations" USING btree ("patient_id","course_number") WHERE "authorizations"."status" in ('active', 'completed');