CREATE TABLE "adverse_events" (
	"id" text PRIMARY KEY NOT NULL,
	"patient_id" text NOT NULL,
	"category" text NOT NULL,
	"onset_on" date NOT NULL,
	"serious" boolean NOT NULL,
	"outcome" text,
	"description" text,
	"reported_by_user_id" text,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adverse_events_category_check" CHECK ("adverse_events"."category" in ('infusion-reaction', 'infection', 'thyroid', 'itp', 'anti-gbm', 'other-autoimmune', 'malignancy', 'stroke-dissection', 'pml', 'other')),
	CONSTRAINT "adverse_events_outcome_check" CHECK ("adverse_events"."outcome" in ('recovered', 'recovering', 'not-recovered', 'recovered-with-sequelae', 'fatal', 'unknown'))
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"patient_id" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"rule" text NOT NULL,
	"code" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"date" date NOT NULL,
	"evidence" jsonb NOT NULL,
	"message" text NOT NULL,
	"action" text NOT NULL,
	"protocol_version" text NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by_user_id" text,
	"acknowledged_at" timestamp with time zone,
	"resolved_by_user_id" text,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	"escalated_at" timestamp with time zone,
	CONSTRAINT "alerts_patient_dedupe_unique" UNIQUE("patient_id","dedupe_key"),
	CONSTRAINT "alerts_severity_check" CHECK ("alerts"."severity" in ('info', 'warning', 'urgent', 'critical')),
	CONSTRAINT "alerts_status_check" CHECK ("alerts"."status" in ('open', 'acknowledged', 'resolved')),
	CONSTRAINT "alerts_acknowledged_at" CHECK ("alerts"."status" <> 'acknowledged' or "alerts"."acknowledged_at" is not null),
	CONSTRAINT "alerts_resolved_at" CHECK (("alerts"."status" = 'resolved') = ("alerts"."resolved_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "assessment_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"certification_id" text,
	"answers" jsonb NOT NULL,
	"score" integer NOT NULL,
	"question_count" integer NOT NULL,
	"passed" boolean NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_attempts_score_range" CHECK ("assessment_attempts"."score" >= 0 and "assessment_attempts"."score" <= "assessment_attempts"."question_count"),
	CONSTRAINT "assessment_attempts_question_count_positive" CHECK ("assessment_attempts"."question_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" text,
	"role" text,
	"organization_id" text,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"decision" jsonb,
	"protocol_version" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_prev_hash_unique" UNIQUE("prev_hash"),
	CONSTRAINT "audit_log_role_check" CHECK ("audit_log"."role" in ('admin', 'prescriber', 'delegate', 'nurse', 'pharmacist', 'patient')),
	CONSTRAINT "audit_log_hash_format" CHECK ("audit_log"."hash" ~ '^[0-9a-f]{64}$' and "audit_log"."prev_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "authorizations" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"patient_id" text NOT NULL,
	"course_number" integer NOT NULL,
	"prescriber_membership_id" text NOT NULL,
	"setting_organization_id" text NOT NULL,
	"planned_infusions" integer NOT NULL,
	"vials_remaining" integer NOT NULL,
	"expires_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"protocol_version" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	CONSTRAINT "authorizations_number_unique" UNIQUE("number"),
	CONSTRAINT "authorizations_status_check" CHECK ("authorizations"."status" in ('active', 'expired', 'revoked', 'completed')),
	CONSTRAINT "authorizations_vials_remaining_non_negative" CHECK ("authorizations"."vials_remaining" >= 0),
	CONSTRAINT "authorizations_planned_infusions_positive" CHECK ("authorizations"."planned_infusions" > 0),
	CONSTRAINT "authorizations_revoked_at" CHECK ("authorizations"."status" <> 'revoked' or "authorizations"."revoked_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "certifications" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_user_id" text,
	"subject_organization_id" text,
	"status" text DEFAULT 'applied' NOT NULL,
	"reason" text,
	"program_version" text,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"trained_at" timestamp with time zone,
	"certified_at" timestamp with time zone,
	"suspended_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certifications_kind_check" CHECK ("certifications"."kind" in ('prescriber', 'healthcare-setting', 'pharmacy')),
	CONSTRAINT "certifications_subject_matches_kind" CHECK (case when "certifications"."kind" = 'prescriber'
        then "certifications"."subject_user_id" is not null and "certifications"."subject_organization_id" is null
        else "certifications"."subject_user_id" is null and "certifications"."subject_organization_id" is not null end),
	CONSTRAINT "certifications_status_check" CHECK (case when "certifications"."kind" = 'prescriber'
        then "certifications"."status" in ('applied', 'trained', 'certified', 'suspended', 'revoked')
        else "certifications"."status" in ('applied', 'certified', 'suspended', 'revoked') end),
	CONSTRAINT "certifications_certified_at" CHECK ("certifications"."status" not in ('certified', 'suspended') or "certifications"."certified_at" is not null),
	CONSTRAINT "certifications_suspended_at" CHECK ("certifications"."status" <> 'suspended' or "certifications"."suspended_at" is not null),
	CONSTRAINT "certifications_revoked_at" CHECK ("certifications"."status" <> 'revoked' or "certifications"."revoked_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "clinical_events" (
	"id" text PRIMARY KEY NOT NULL,
	"patient_id" text NOT NULL,
	"type" text NOT NULL,
	"date" date NOT NULL,
	"payload" jsonb NOT NULL,
	"source_system" text,
	"source_id" text,
	"recorded_by_user_id" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinical_events_source_unique" UNIQUE("source_system","source_id"),
	CONSTRAINT "clinical_events_type_check" CHECK ("clinical_events"."type" in ('screening', 'vaccination', 'exam', 'questionnaire', 'symptom-report', 'infusion-reaction', 'pregnancy', 'education')),
	CONSTRAINT "clinical_events_source_pair" CHECK (("clinical_events"."source_system" is null) = ("clinical_events"."source_id" is null))
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" text PRIMARY KEY NOT NULL,
	"patient_id" text NOT NULL,
	"number" integer NOT NULL,
	"planned_infusions" integer,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_patient_number_unique" UNIQUE("patient_id","number"),
	CONSTRAINT "courses_id_patient_unique" UNIQUE("id","patient_id"),
	CONSTRAINT "courses_status_check" CHECK ("courses"."status" in ('planned', 'in-progress', 'completed', 'incomplete')),
	CONSTRAINT "courses_number_positive" CHECK ("courses"."number" >= 1),
	CONSTRAINT "courses_planned_infusions_positive" CHECK ("courses"."planned_infusions" > 0)
);
--> statement-breakpoint
CREATE TABLE "dispenses" (
	"id" text PRIMARY KEY NOT NULL,
	"authorization_id" text NOT NULL,
	"pharmacy_organization_id" text NOT NULL,
	"vials" integer NOT NULL,
	"lot" text,
	"destination_setting_organization_id" text NOT NULL,
	"dispensed_by_user_id" text,
	"dispensed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispenses_vials_positive" CHECK ("dispenses"."vials" > 0)
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"id" text PRIMARY KEY NOT NULL,
	"patient_id" text NOT NULL,
	"prescriber_membership_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"patient_signed_at" timestamp with time zone,
	"prescriber_signed_at" timestamp with time zone,
	"counselled_at" timestamp with time zone,
	"patient_guide_given_at" timestamp with time zone,
	"wallet_card_given_at" timestamp with time zone,
	"monitoring_agreed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollments_status_check" CHECK ("enrollments"."status" in ('pending', 'complete', 'withdrawn')),
	CONSTRAINT "enrollments_complete_requires_all" CHECK ("enrollments"."status" <> 'complete' or ("enrollments"."patient_signed_at" is not null and "enrollments"."prescriber_signed_at" is not null
        and "enrollments"."counselled_at" is not null and "enrollments"."patient_guide_given_at" is not null
        and "enrollments"."wallet_card_given_at" is not null and "enrollments"."monitoring_agreed_at" is not null)),
	CONSTRAINT "enrollments_withdrawn_at" CHECK ("enrollments"."status" <> 'withdrawn' or "enrollments"."withdrawn_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text NOT NULL,
	"actor_user_id" text NOT NULL,
	"method" text NOT NULL,
	"route" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pk" PRIMARY KEY("actor_user_id","key"),
	CONSTRAINT "idempotency_keys_response_pair" CHECK (("idempotency_keys"."response_status" is null) = ("idempotency_keys"."response_body" is null))
);
--> statement-breakpoint
CREATE TABLE "infusions" (
	"id" text PRIMARY KEY NOT NULL,
	"patient_id" text NOT NULL,
	"course_id" text NOT NULL,
	"date" date NOT NULL,
	"dose_mg" double precision NOT NULL,
	"lot" text,
	"setting_organization_id" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"vitals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"premedication" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"observation_ends_at" timestamp with time zone,
	"override_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "infusions_status_check" CHECK ("infusions"."status" in ('scheduled', 'started', 'completed', 'stopped', 'cancelled')),
	CONSTRAINT "infusions_dose_positive" CHECK ("infusions"."dose_mg" > 0),
	CONSTRAINT "infusions_started_at" CHECK ("infusions"."status" not in ('started', 'completed', 'stopped') or "infusions"."started_at" is not null),
	CONSTRAINT "infusions_ended_after_start" CHECK ("infusions"."ended_at" >= "infusions"."started_at"),
	CONSTRAINT "infusions_override_reason_not_blank" CHECK (length(trim("infusions"."override_reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "lab_results" (
	"id" text PRIMARY KEY NOT NULL,
	"patient_id" text NOT NULL,
	"analyte" text NOT NULL,
	"value" double precision NOT NULL,
	"unit" text NOT NULL,
	"canonical_value" double precision,
	"canonical_unit" text,
	"effective_date" date NOT NULL,
	"reference_low" double precision,
	"reference_high" double precision,
	"source_system" text NOT NULL,
	"source_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lab_results_source_unique" UNIQUE("source_system","source_id"),
	CONSTRAINT "lab_results_canonical_pair" CHECK (("lab_results"."canonical_value" is null) = ("lab_results"."canonical_unit" is null)),
	CONSTRAINT "lab_results_reference_range" CHECK ("lab_results"."reference_low" <= "lab_results"."reference_high")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"role" text NOT NULL,
	"acts_for_membership_id" text,
	"patient_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_unique" UNIQUE NULLS NOT DISTINCT("user_id","organization_id","role","acts_for_membership_id","patient_id"),
	CONSTRAINT "memberships_role_check" CHECK ("memberships"."role" in ('admin', 'prescriber', 'delegate', 'nurse', 'pharmacist', 'patient')),
	CONSTRAINT "memberships_delegate_acts_for" CHECK (("memberships"."role" = 'delegate') = ("memberships"."acts_for_membership_id" is not null)),
	CONSTRAINT "memberships_patient_record" CHECK (("memberships"."role" = 'patient') = ("memberships"."patient_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "monitoring_occurrences" (
	"id" text PRIMARY KEY NOT NULL,
	"patient_id" text NOT NULL,
	"test" text NOT NULL,
	"rule" text NOT NULL,
	"due_on" date NOT NULL,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"status" text NOT NULL,
	"satisfied_by" jsonb,
	"protocol_version" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_occurrences_patient_test_due_unique" UNIQUE("patient_id","test","due_on"),
	CONSTRAINT "monitoring_occurrences_status_check" CHECK ("monitoring_occurrences"."status" in ('upcoming', 'due', 'overdue', 'satisfied')),
	CONSTRAINT "monitoring_occurrences_window_order" CHECK ("monitoring_occurrences"."window_start" <= "monitoring_occurrences"."window_end")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"template" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"cause_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notifications_channel_check" CHECK ("notifications"."channel" in ('email', 'webhook')),
	CONSTRAINT "notifications_status_check" CHECK ("notifications"."status" in ('pending', 'sent', 'failed')),
	CONSTRAINT "notifications_attempts_non_negative" CHECK ("notifications"."attempts" >= 0),
	CONSTRAINT "notifications_sent_at" CHECK (("notifications"."status" = 'sent') = ("notifications"."sent_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"certification_status" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_kind_check" CHECK ("organizations"."kind" in ('practice', 'healthcare-setting', 'pharmacy', 'program')),
	CONSTRAINT "organizations_certification_status_check" CHECK ("organizations"."certification_status" in ('applied', 'certified', 'suspended', 'revoked')),
	CONSTRAINT "organizations_certification_only_for_certified_kinds" CHECK (("organizations"."kind" in ('healthcare-setting', 'pharmacy')) = ("organizations"."certification_status" is not null))
);
--> statement-breakpoint
CREATE TABLE "patient_demographics" (
	"patient_id" text PRIMARY KEY NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"childbearing_potential" boolean,
	"email" text,
	"phone" text,
	"address" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_demographics_sex_check" CHECK ("patient_demographics"."sex" in ('female', 'male'))
);
--> statement-breakpoint
CREATE TABLE "patient_facts" (
	"patient_id" text PRIMARY KEY NOT NULL,
	"diagnosis" text,
	"prior_dmt_failures" integer,
	"conditions" text[] DEFAULT '{}'::text[] NOT NULL,
	"unknown" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_facts_prior_dmt_failures_check" CHECK ("patient_facts"."prior_dmt_failures" >= 0)
);
--> statement-breakpoint
CREATE TABLE "patient_identifiers" (
	"system" text NOT NULL,
	"value" text NOT NULL,
	"patient_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_identifiers_pk" PRIMARY KEY("system","value")
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" text PRIMARY KEY NOT NULL,
	"program" text NOT NULL,
	"region" text NOT NULL,
	"practice_organization_id" text NOT NULL,
	"prescriber_membership_id" text NOT NULL,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patients_program_check" CHECK ("patients"."program" in ('lemtrada', 'campath')),
	CONSTRAINT "patients_region_check" CHECK ("patients"."region" in ('US', 'EU')),
	CONSTRAINT "patients_status_check" CHECK ("patients"."status" in ('enrolled', 'authorized', 'in-monitoring', 'completed', 'discontinued', 'lost-to-follow-up'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"membership_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "sessions_token_hash_sha256" CHECK ("sessions"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "status_forms" (
	"id" text PRIMARY KEY NOT NULL,
	"patient_id" text NOT NULL,
	"prescriber_membership_id" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_on" date NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_user_id" text,
	"payload" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_forms_patient_period_unique" UNIQUE("patient_id","period_start"),
	CONSTRAINT "status_forms_period_order" CHECK ("status_forms"."period_start" <= "status_forms"."period_end"),
	CONSTRAINT "status_forms_submitted_payload" CHECK ("status_forms"."submitted_at" is null or "status_forms"."payload" is not null)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_status_check" CHECK ("users"."status" in ('active', 'disabled')),
	CONSTRAINT "users_email_lower_case" CHECK ("users"."email" = lower("users"."email")),
	CONSTRAINT "users_password_hash_argon2id" CHECK ("users"."password_hash" like '$argon2id$%')
);
--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_reported_by_user_id_users_id_fk" FOREIGN KEY ("reported_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_user_id_users_id_fk" FOREIGN KEY ("acknowledged_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_resolved_by_user_id_users_id_fk" FOREIGN KEY ("resolved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD CONSTRAINT "assessment_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD CONSTRAINT "assessment_attempts_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_prescriber_membership_id_memberships_id_fk" FOREIGN KEY ("prescriber_membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_setting_organization_id_organizations_id_fk" FOREIGN KEY ("setting_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_course_fk" FOREIGN KEY ("patient_id","course_number") REFERENCES "public"."courses"("patient_id","number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_subject_user_id_users_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_subject_organization_id_organizations_id_fk" FOREIGN KEY ("subject_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_events" ADD CONSTRAINT "clinical_events_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_events" ADD CONSTRAINT "clinical_events_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispenses" ADD CONSTRAINT "dispenses_authorization_id_authorizations_id_fk" FOREIGN KEY ("authorization_id") REFERENCES "public"."authorizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispenses" ADD CONSTRAINT "dispenses_pharmacy_organization_id_organizations_id_fk" FOREIGN KEY ("pharmacy_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispenses" ADD CONSTRAINT "dispenses_destination_setting_organization_id_organizations_id_fk" FOREIGN KEY ("destination_setting_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispenses" ADD CONSTRAINT "dispenses_dispensed_by_user_id_users_id_fk" FOREIGN KEY ("dispensed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_prescriber_membership_id_memberships_id_fk" FOREIGN KEY ("prescriber_membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infusions" ADD CONSTRAINT "infusions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infusions" ADD CONSTRAINT "infusions_setting_organization_id_organizations_id_fk" FOREIGN KEY ("setting_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infusions" ADD CONSTRAINT "infusions_course_fk" FOREIGN KEY ("course_id","patient_id") REFERENCES "public"."courses"("id","patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_acts_for_membership_id_memberships_id_fk" FOREIGN KEY ("acts_for_membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_occurrences" ADD CONSTRAINT "monitoring_occurrences_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_demographics" ADD CONSTRAINT "patient_demographics_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_facts" ADD CONSTRAINT "patient_facts_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_identifiers" ADD CONSTRAINT "patient_identifiers_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_practice_organization_id_organizations_id_fk" FOREIGN KEY ("practice_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_prescriber_membership_id_memberships_id_fk" FOREIGN KEY ("prescriber_membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_forms" ADD CONSTRAINT "status_forms_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_forms" ADD CONSTRAINT "status_forms_prescriber_membership_id_memberships_id_fk" FOREIGN KEY ("prescriber_membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_forms" ADD CONSTRAINT "status_forms_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adverse_events_patient_idx" ON "adverse_events" USING btree ("patient_id","onset_on");--> statement-breakpoint
CREATE INDEX "adverse_events_category_idx" ON "adverse_events" USING btree ("category","onset_on");--> statement-breakpoint
CREATE INDEX "alerts_unresolved_severity_idx" ON "alerts" USING btree ("severity","raised_at") WHERE "alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_patient_status_idx" ON "alerts" USING btree ("patient_id","status");--> statement-breakpoint
CREATE INDEX "assessment_attempts_user_idx" ON "assessment_attempts" USING btree ("user_id","submitted_at");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "authorizations_patient_idx" ON "authorizations" USING btree ("patient_id","course_number");--> statement-breakpoint
CREATE INDEX "authorizations_setting_idx" ON "authorizations" USING btree ("setting_organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certifications_live_user_unique" ON "certifications" USING btree ("subject_user_id","kind") WHERE "certifications"."subject_user_id" is not null and "certifications"."status" <> 'revoked';--> statement-breakpoint
CREATE UNIQUE INDEX "certifications_live_organization_unique" ON "certifications" USING btree ("subject_organization_id","kind") WHERE "certifications"."subject_organization_id" is not null and "certifications"."status" <> 'revoked';--> statement-breakpoint
CREATE INDEX "clinical_events_patient_date_idx" ON "clinical_events" USING btree ("patient_id","date");--> statement-breakpoint
CREATE INDEX "dispenses_authorization_idx" ON "dispenses" USING btree ("authorization_id");--> statement-breakpoint
CREATE INDEX "dispenses_pharmacy_idx" ON "dispenses" USING btree ("pharmacy_organization_id","dispensed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_one_live_per_patient" ON "enrollments" USING btree ("patient_id") WHERE "enrollments"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "enrollments_prescriber_idx" ON "enrollments" USING btree ("prescriber_membership_id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "infusions_patient_date_unique" ON "infusions" USING btree ("patient_id","date") WHERE "infusions"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "infusions_course_idx" ON "infusions" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "infusions_setting_date_idx" ON "infusions" USING btree ("setting_organization_id","date");--> statement-breakpoint
CREATE INDEX "lab_results_patient_analyte_date_idx" ON "lab_results" USING btree ("patient_id","analyte","effective_date");--> statement-breakpoint
CREATE INDEX "memberships_organization_idx" ON "memberships" USING btree ("organization_id","role");--> statement-breakpoint
CREATE INDEX "memberships_acts_for_idx" ON "memberships" USING btree ("acts_for_membership_id");--> statement-breakpoint
CREATE INDEX "memberships_patient_idx" ON "memberships" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "monitoring_occurrences_unsatisfied_window_end_idx" ON "monitoring_occurrences" USING btree ("window_end") WHERE "monitoring_occurrences"."status" <> 'satisfied';--> statement-breakpoint
CREATE INDEX "notifications_status_next_attempt_idx" ON "notifications" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "organizations_kind_idx" ON "organizations" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "patient_identifiers_patient_idx" ON "patient_identifiers" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "patients_prescriber_idx" ON "patients" USING btree ("prescriber_membership_id","status");--> statement-breakpoint
CREATE INDEX "patients_practice_idx" ON "patients" USING btree ("practice_organization_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "status_forms_open_by_prescriber_idx" ON "status_forms" USING btree ("prescriber_membership_id","due_on") WHERE "status_forms"."submitted_at" is null;