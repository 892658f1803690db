-- The audit log is append-only (rems.md "Audit"): UPDATE, DELETE and TRUNCATE are refused by the
-- database itself, whatever the application does. Only the table owner can get around this
-- (ALTER TABLE audit_log DISABLE TRIGGER ...), which is itself visible in the server log, and any
-- change made that way breaks the hash chain that verifyAuditChain (src/store/audit.ts) checks.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
