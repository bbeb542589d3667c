CREATE TABLE "security_policy" (
	"version" integer PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" uuid
);
--> statement-breakpoint
ALTER TABLE "security_policy" ADD CONSTRAINT "security_policy_changed_by_app_user_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "password_history" (
	"user_id" uuid NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "password_history" ADD CONSTRAINT "password_history_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "password_history_user_idx" ON "password_history" USING btree ("user_id","created_at");
--> statement-breakpoint
CREATE FUNCTION security_policy_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '安全策略的历史版本不能修改或删除' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER security_policy_append_only BEFORE UPDATE OR DELETE ON security_policy FOR EACH ROW EXECUTE FUNCTION security_policy_refuse_change();
--> statement-breakpoint
CREATE TRIGGER security_policy_no_truncate BEFORE TRUNCATE ON security_policy FOR EACH STATEMENT EXECUTE FUNCTION security_policy_refuse_change();
