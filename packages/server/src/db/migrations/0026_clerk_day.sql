-- A clerk's day (issue 12): who answers for each 待办, what was done with it, the follow-up taken on a
-- warning, the subjects waiting for the next joint meeting, and the in-app notification list.

-- The obligation's current responsible user and a manual 办结 are kept on the (computed) obligation row, so
-- 我的待办 is one indexed condition; their history is the append-only `obligation_action`.
ALTER TABLE "obligation" ADD COLUMN "responsible_id" uuid REFERENCES "app_user"("id");
--> statement-breakpoint
ALTER TABLE "obligation" ADD COLUMN "assigned" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "obligation" ADD COLUMN "closed_on" date;
--> statement-breakpoint
ALTER TABLE "obligation" ADD COLUMN "closed_by_login" text;
--> statement-breakpoint
ALTER TABLE "obligation" ADD COLUMN "close_note" text;
--> statement-breakpoint
CREATE INDEX "obligation_responsible_idx" ON "obligation" ("responsible_id", "due_on", "id") WHERE "active" AND "done_on" IS NULL AND "closed_on" IS NULL;
--> statement-breakpoint
-- 分派 (assign to a user), 办结 (closed with a note, no record needed), 重新打开: append-only.
CREATE TABLE "obligation_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"obligation_id" uuid NOT NULL REFERENCES "obligation"("id"),
	"action" text NOT NULL,
	"user_id" uuid REFERENCES "app_user"("id"),
	"note" text,
	"by_id" uuid,
	"by_login" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "obligation_action_known" CHECK ("action" in ('assign','close','reopen'))
);
--> statement-breakpoint
CREATE INDEX "obligation_action_obligation_idx" ON "obligation_action" ("obligation_id", "at");
--> statement-breakpoint
-- Who answers by default for an area's obligations (optionally of one kind): the latest row for an
-- (org, type) wins; user_id null clears it. The most specific area (deepest org on the subject's path) and
-- a row naming the kind win over a row for all kinds. Without any, the supervisor whose scope is deepest.
CREATE TABLE "obligation_responsible" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL REFERENCES "org"("id"),
	"type" text,
	"user_id" uuid REFERENCES "app_user"("id"),
	"set_by" uuid,
	"set_by_login" text,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "obligation_responsible_org_idx" ON "obligation_responsible" ("org_id", "type", "set_at");
--> statement-breakpoint
-- The follow-up taken on a warning's 处置 (谈话提醒 / 函询 / 诫勉 / 转联席会议 / 其他): append-only. A 谈话提醒
-- is a fact for the rules: it raises a talk obligation from its day.
CREATE TABLE "warning_followup" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"warning_id" uuid NOT NULL REFERENCES "warning"("id"),
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"cadre_id" uuid REFERENCES "cadre"("id"),
	"team_id" uuid REFERENCES "team"("id"),
	"org_id" uuid NOT NULL REFERENCES "org"("id"),
	"on_date" date NOT NULL,
	"note" text,
	"entry_id" uuid,
	"by_id" uuid,
	"by_login" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "warning_followup_known" CHECK ("action" in ('talk','inquiry','admonish','meeting','other')),
	CONSTRAINT "warning_followup_subject" CHECK ("subject_type" in ('cadre','team'))
);
--> statement-breakpoint
CREATE INDEX "warning_followup_warning_idx" ON "warning_followup" ("warning_id", "at");
--> statement-breakpoint
CREATE INDEX "warning_followup_cadre_idx" ON "warning_followup" ("cadre_id") WHERE "cadre_id" IS NOT NULL;
--> statement-breakpoint
-- 转联席会议: a subject put on the agenda of the convener's next joint meeting (meeting_id set when a meeting
-- takes it up). Append-only but for that one link.
CREATE TABLE "meeting_agenda_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"convener_id" uuid NOT NULL REFERENCES "org"("id"),
	"meeting_id" uuid REFERENCES "joint_meeting"("id"),
	"subject_type" text NOT NULL,
	"cadre_id" uuid REFERENCES "cadre"("id"),
	"team_id" uuid REFERENCES "team"("id"),
	"org_id" uuid NOT NULL REFERENCES "org"("id"),
	"warning_id" uuid REFERENCES "warning"("id"),
	"reason" text NOT NULL,
	"added_by" uuid,
	"added_by_login" text,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_agenda_item_subject" CHECK ("subject_type" in ('cadre','team'))
);
--> statement-breakpoint
CREATE INDEX "meeting_agenda_item_open_idx" ON "meeting_agenda_item" ("convener_id", "added_at") WHERE "meeting_id" IS NULL;
--> statement-breakpoint
-- In-app notifications (the bell): new 待办 assigned to me, approaching deadlines, decisions on my
-- submissions. `dedupe` keeps a sweep from notifying the same thing twice. No e-mail, no SMS.
CREATE TABLE "notification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "app_user"("id") ON DELETE CASCADE,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"link" text,
	"dedupe" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notification_kind" CHECK ("kind" in ('assigned','due_soon','overdue','decision','followup'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notification_dedupe_idx" ON "notification" ("user_id", "dedupe");
--> statement-breakpoint
CREATE INDEX "notification_user_idx" ON "notification" ("user_id", "created_at" DESC) ;
--> statement-breakpoint
CREATE FUNCTION clerk_day_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '该记录只允许追加，不允许修改或删除 (% is append-only)', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER obligation_action_append_only BEFORE UPDATE OR DELETE ON "obligation_action" FOR EACH ROW EXECUTE FUNCTION clerk_day_refuse();
--> statement-breakpoint
CREATE TRIGGER obligation_responsible_append_only BEFORE UPDATE OR DELETE ON "obligation_responsible" FOR EACH ROW EXECUTE FUNCTION clerk_day_refuse();
--> statement-breakpoint
CREATE TRIGGER warning_followup_append_only BEFORE UPDATE OR DELETE ON "warning_followup" FOR EACH ROW EXECUTE FUNCTION clerk_day_refuse();
--> statement-breakpoint
CREATE FUNCTION meeting_agenda_item_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.meeting_id IS NOT NULL OR (to_jsonb(NEW) - 'meeting_id') <> (to_jsonb(OLD) - 'meeting_id') THEN
    RAISE EXCEPTION '议题记录只允许追加，仅可关联一次会议 (meeting_agenda_item is append-only)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER meeting_agenda_item_append_only BEFORE UPDATE OR DELETE ON "meeting_agenda_item" FOR EACH ROW EXECUTE FUNCTION meeting_agenda_item_guard();
