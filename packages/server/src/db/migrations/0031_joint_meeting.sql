-- Issue 13: the joint meeting end to end. A meeting gets a life (筹备 → 已召开 → 纪要已定稿 → 已闭环), members per
-- convener, an agenda compiled as a snapshot (re-compilable until held, each compile kept), member proposals,
-- conclusions per subject (append-only, the latest counts), attendance (append-only snapshots), and the
-- 督办事项 the conclusions raise, with their event log and attachments. Meetings registered before this
-- migration were registered as held: they stay 已召开.
ALTER TABLE "joint_meeting" ADD COLUMN "status" text DEFAULT 'held' NOT NULL;
--> statement-breakpoint
ALTER TABLE "joint_meeting" ALTER COLUMN "status" SET DEFAULT 'planned';
--> statement-breakpoint
ALTER TABLE "joint_meeting" ADD CONSTRAINT "joint_meeting_status" CHECK ("joint_meeting"."status" in ('planned','held','minutes_final','closed'));
--> statement-breakpoint
ALTER TABLE "joint_meeting" ADD COLUMN "since" date;
--> statement-breakpoint
ALTER TABLE "joint_meeting" ADD COLUMN "until" date;
--> statement-breakpoint
ALTER TABLE "joint_meeting" ADD COLUMN "proposal_cutoff" date;
--> statement-breakpoint
ALTER TABLE "joint_meeting" ADD COLUMN "location" text;
--> statement-breakpoint
ALTER TABLE "joint_meeting" ADD COLUMN "agenda_version" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "joint_meeting" ADD COLUMN "approved_by" uuid;
--> statement-breakpoint
ALTER TABLE "joint_meeting" ADD COLUMN "approved_by_login" text;
--> statement-breakpoint
ALTER TABLE "joint_meeting" ADD COLUMN "approved_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "joint_meeting" ADD COLUMN "approval_note" text;
--> statement-breakpoint
CREATE TABLE "joint_meeting_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL REFERENCES "joint_meeting"("id"),
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"by_id" uuid,
	"by_login" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "joint_meeting_event_action" CHECK ("action" in ('create','compile','cutoff','hold','attendance','approve','close','reopen','update'))
);
--> statement-breakpoint
CREATE INDEX "joint_meeting_event_meeting_idx" ON "joint_meeting_event" USING btree ("meeting_id","at");
--> statement-breakpoint
CREATE TABLE "meeting_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"convener_id" uuid NOT NULL REFERENCES "org"("id"),
	"department_code" text NOT NULL REFERENCES "department"("code"),
	"active" boolean NOT NULL,
	"contact_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"contact_note" text,
	"set_by" uuid,
	"set_by_login" text,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "meeting_member_convener_idx" ON "meeting_member" USING btree ("convener_id","department_code","set_at");
--> statement-breakpoint
CREATE TABLE "meeting_subject" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL REFERENCES "joint_meeting"("id"),
	"subject_type" text NOT NULL,
	"cadre_id" uuid REFERENCES "cadre"("id"),
	"team_id" uuid REFERENCES "team"("id"),
	"org_id" uuid NOT NULL REFERENCES "org"("id"),
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"content" jsonb NOT NULL,
	"added_version" integer NOT NULL,
	"changed_version" integer NOT NULL,
	"dropped_version" integer,
	"removed_at" timestamp with time zone,
	"removed_reason" text,
	"removed_by" uuid,
	"removed_by_login" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "meeting_subject_type" CHECK ("subject_type" in ('cadre','team')),
	CONSTRAINT "meeting_subject_ref" CHECK (("subject_type" = 'cadre' and "cadre_id" is not null) or ("subject_type" = 'team' and "team_id" is not null)),
	CONSTRAINT "meeting_subject_removed" CHECK ("removed_at" is null or "removed_reason" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_subject_uq" ON "meeting_subject" USING btree ("meeting_id","subject_type",coalesce("cadre_id","team_id"));
--> statement-breakpoint
CREATE INDEX "meeting_subject_cadre_idx" ON "meeting_subject" USING btree ("cadre_id") WHERE "cadre_id" is not null;
--> statement-breakpoint
CREATE INDEX "meeting_subject_team_idx" ON "meeting_subject" USING btree ("team_id") WHERE "team_id" is not null;
--> statement-breakpoint
CREATE TABLE "meeting_compile" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL REFERENCES "joint_meeting"("id"),
	"version" integer NOT NULL,
	"since" date NOT NULL,
	"until" date NOT NULL,
	"subjects" integer NOT NULL,
	"added" integer NOT NULL,
	"dropped" integer NOT NULL,
	"changed" integer NOT NULL,
	"diff" jsonb NOT NULL,
	"by_id" uuid,
	"by_login" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_compile_uq" ON "meeting_compile" USING btree ("meeting_id","version");
--> statement-breakpoint
ALTER TABLE "meeting_agenda_item" ADD COLUMN "department_code" text REFERENCES "department"("code");
--> statement-breakpoint
ALTER TABLE "meeting_agenda_item" ADD COLUMN "entry_id" uuid;
--> statement-breakpoint
CREATE TABLE "meeting_conclusion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL REFERENCES "joint_meeting"("id"),
	"subject_id" uuid NOT NULL REFERENCES "meeting_subject"("id"),
	"conclusion" text NOT NULL,
	"department_code" text REFERENCES "department"("code"),
	"deadline" date,
	"note" text,
	"by_id" uuid,
	"by_login" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "meeting_conclusion_subject_idx" ON "meeting_conclusion" USING btree ("subject_id","at");
--> statement-breakpoint
CREATE INDEX "meeting_conclusion_meeting_idx" ON "meeting_conclusion" USING btree ("meeting_id");
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL REFERENCES "joint_meeting"("id"),
	"rows" jsonb NOT NULL,
	"by_id" uuid,
	"by_login" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "meeting_attendance_meeting_idx" ON "meeting_attendance" USING btree ("meeting_id","at");
--> statement-breakpoint
CREATE TABLE "meeting_task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL REFERENCES "joint_meeting"("id"),
	"subject_id" uuid NOT NULL REFERENCES "meeting_subject"("id"),
	"conclusion_id" uuid NOT NULL REFERENCES "meeting_conclusion"("id"),
	"subject_type" text NOT NULL,
	"cadre_id" uuid REFERENCES "cadre"("id"),
	"team_id" uuid REFERENCES "team"("id"),
	"org_id" uuid NOT NULL REFERENCES "org"("id"),
	"conclusion" text NOT NULL,
	"department_code" text NOT NULL REFERENCES "department"("code"),
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"entry_id" uuid,
	"answered_on" date,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_task_status" CHECK ("status" in ('open','answered','closed','returned','cancelled')),
	CONSTRAINT "meeting_task_subject" CHECK ("subject_type" in ('cadre','team'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_task_subject_uq" ON "meeting_task" USING btree ("subject_id") WHERE "status" <> 'cancelled';
--> statement-breakpoint
CREATE INDEX "meeting_task_department_idx" ON "meeting_task" USING btree ("department_code","status","deadline");
--> statement-breakpoint
CREATE INDEX "meeting_task_meeting_idx" ON "meeting_task" USING btree ("meeting_id");
--> statement-breakpoint
CREATE INDEX "meeting_task_cadre_idx" ON "meeting_task" USING btree ("cadre_id") WHERE "cadre_id" is not null;
--> statement-breakpoint
CREATE INDEX "meeting_task_team_idx" ON "meeting_task" USING btree ("team_id") WHERE "team_id" is not null;
--> statement-breakpoint
CREATE TABLE "meeting_task_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL REFERENCES "meeting_task"("id"),
	"action" text NOT NULL,
	"note" text,
	"entry_id" uuid,
	"department_code" text,
	"by_id" uuid,
	"by_login" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_task_event_action" CHECK ("action" in ('create','update','answer','close','return','link','cancel'))
);
--> statement-breakpoint
CREATE INDEX "meeting_task_event_task_idx" ON "meeting_task_event" USING btree ("task_id","at");
--> statement-breakpoint
CREATE TABLE "meeting_task_attachment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL REFERENCES "meeting_task"("id"),
	"event_id" uuid NOT NULL REFERENCES "meeting_task_event"("id"),
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"sm3" bytea NOT NULL,
	"data" bytea NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "meeting_task_attachment_task_idx" ON "meeting_task_attachment" USING btree ("task_id");
--> statement-breakpoint
-- The meeting's records are appended, never changed in place (the latest conclusion / attendance / member setting counts).
CREATE TRIGGER joint_meeting_event_append_only BEFORE UPDATE OR DELETE ON "joint_meeting_event" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER joint_meeting_event_no_truncate BEFORE TRUNCATE ON "joint_meeting_event" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER meeting_member_append_only BEFORE UPDATE OR DELETE ON "meeting_member" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER meeting_member_no_truncate BEFORE TRUNCATE ON "meeting_member" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER meeting_compile_append_only BEFORE UPDATE OR DELETE ON "meeting_compile" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER meeting_compile_no_truncate BEFORE TRUNCATE ON "meeting_compile" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER meeting_conclusion_append_only BEFORE UPDATE OR DELETE ON "meeting_conclusion" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER meeting_conclusion_no_truncate BEFORE TRUNCATE ON "meeting_conclusion" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER meeting_attendance_append_only BEFORE UPDATE OR DELETE ON "meeting_attendance" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER meeting_attendance_no_truncate BEFORE TRUNCATE ON "meeting_attendance" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER meeting_task_event_append_only BEFORE UPDATE OR DELETE ON "meeting_task_event" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER meeting_task_event_no_truncate BEFORE TRUNCATE ON "meeting_task_event" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER meeting_task_attachment_append_only BEFORE UPDATE OR DELETE ON "meeting_task_attachment" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER meeting_task_attachment_no_truncate BEFORE TRUNCATE ON "meeting_task_attachment" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
