ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_role_check";--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_role_check";--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_role_check" CHECK ("audit_log"."role" in ('admin', 'prescriber', 'delegate', 'nurse', 'pharmacist', 'patient', 'system'));--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_check" CHECK ("memberships"."role" in ('admin', 'prescriber', 'delegate', 'nurse', 'pharmacist', 'patient', 'system'));