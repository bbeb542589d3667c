CREATE TABLE "joint_meeting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"convener_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid,
	"created_by_login" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "obligation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identity" text NOT NULL,
	"type" text NOT NULL,
	"subject_type" text NOT NULL,
	"cadre_id" uuid,
	"team_id" uuid,
	"convener_id" uuid,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"triggered_on" date NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"done_by" text,
	"evidence" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "obligation_identity_unique" UNIQUE("identity"),
	CONSTRAINT "obligation_subject" CHECK ("obligation"."subject_type" in ('cadre','team','convener'))
);
--> statement-breakpoint
CREATE TABLE "rule_job" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"as_of" date NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"warnings_changed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_by_login" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "rule_job_status" CHECK ("rule_job"."status" in ('running','done','failed','interrupted'))
);
--> statement-breakpoint
CREATE TABLE "rule_subject" (
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	"next_review" date,
	CONSTRAINT "rule_subject_subject_type_subject_id_pk" PRIMARY KEY("subject_type","subject_id")
);
--> statement-breakpoint
CREATE TABLE "warning" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identity" text NOT NULL,
	"rule" text NOT NULL,
	"colour" text NOT NULL,
	"subject_type" text NOT NULL,
	"cadre_id" uuid,
	"team_id" uuid,
	"org_id" uuid NOT NULL,
	"evidence" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"explanation" text NOT NULL,
	"until" date,
	"active" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"status_reason" text,
	"status_by" uuid,
	"status_by_login" text,
	"status_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "warning_identity_unique" UNIQUE("identity"),
	CONSTRAINT "warning_colour" CHECK ("warning"."colour" in ('red','yellow','blue')),
	CONSTRAINT "warning_subject" CHECK ("warning"."subject_type" in ('cadre','team')),
	CONSTRAINT "warning_status" CHECK ("warning"."status" in ('new','read','handled','dismissed'))
);
--> statement-breakpoint
CREATE TABLE "warning_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"warning_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"colour" text,
	"status" text,
	"reason" text,
	"by_login" text
);
--> statement-breakpoint
ALTER TABLE "user_role" DROP CONSTRAINT "user_role_known";--> statement-breakpoint
ALTER TABLE "joint_meeting" ADD CONSTRAINT "joint_meeting_convener_id_org_id_fk" FOREIGN KEY ("convener_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation" ADD CONSTRAINT "obligation_cadre_id_cadre_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadre"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation" ADD CONSTRAINT "obligation_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation" ADD CONSTRAINT "obligation_convener_id_org_id_fk" FOREIGN KEY ("convener_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation" ADD CONSTRAINT "obligation_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning" ADD CONSTRAINT "warning_cadre_id_cadre_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadre"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning" ADD CONSTRAINT "warning_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning" ADD CONSTRAINT "warning_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_event" ADD CONSTRAINT "warning_event_warning_id_warning_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warning"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "joint_meeting_convener_idx" ON "joint_meeting" USING btree ("convener_id","held_on");--> statement-breakpoint
CREATE INDEX "obligation_open_idx" ON "obligation" USING btree ("due_on","id") WHERE "obligation"."active" and "obligation"."done_on" is null;--> statement-breakpoint
CREATE INDEX "obligation_type_idx" ON "obligation" USING btree ("type","due_on") WHERE "obligation"."active";--> statement-breakpoint
CREATE INDEX "obligation_cadre_idx" ON "obligation" USING btree ("cadre_id") WHERE "obligation"."cadre_id" is not null;--> statement-breakpoint
CREATE INDEX "obligation_team_idx" ON "obligation" USING btree ("team_id") WHERE "obligation"."team_id" is not null;--> statement-breakpoint
CREATE INDEX "rule_job_started_idx" ON "rule_job" USING btree ("started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "rule_subject_next_idx" ON "rule_subject" USING btree ("next_review") WHERE "rule_subject"."next_review" is not null;--> statement-breakpoint
CREATE INDEX "warning_cadre_idx" ON "warning" USING btree ("cadre_id") WHERE "warning"."cadre_id" is not null;--> statement-breakpoint
CREATE INDEX "warning_team_idx" ON "warning" USING btree ("team_id") WHERE "warning"."team_id" is not null;--> statement-breakpoint
CREATE INDEX "warning_open_idx" ON "warning" USING btree ("colour","last_changed_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "warning"."active";--> statement-breakpoint
CREATE INDEX "warning_event_warning_idx" ON "warning_event" USING btree ("warning_id","at");--> statement-breakpoint
ALTER TABLE "user_role" ADD CONSTRAINT "user_role_known" CHECK ("user_role"."role" in ('supervisor','chief','leader','member','sysadmin','secadmin','auditadmin'));--> statement-breakpoint
-- A warning's history is appended to, never changed.
CREATE TRIGGER warning_event_append_only BEFORE UPDATE OR DELETE ON warning_event FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER warning_event_no_truncate BEFORE TRUNCATE ON warning_event FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
