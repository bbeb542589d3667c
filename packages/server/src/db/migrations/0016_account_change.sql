-- 双人审批 of privileged account changes (issue 9 point 2, AC-02): the 系统管理员 proposes creating, re-enabling
-- or resetting an account; it takes effect only when a 安全管理员 — another account — approves it.
CREATE TABLE "account_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"target_user_id" uuid,
	"login" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reason" text,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT '待审批' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"password_to" text,
	"secret" "bytea",
	"secret_shown_at" timestamp with time zone,
	CONSTRAINT "account_change_kind" CHECK ("account_change"."kind" in ('create','enable','reset-password','reset-mfa')),
	CONSTRAINT "account_change_status" CHECK ("account_change"."status" in ('待审批','已批准','已驳回','已撤回')),
	CONSTRAINT "account_change_decided" CHECK (("account_change"."status" = '待审批') = ("account_change"."decided_by" is null and "account_change"."decided_at" is null)),
	CONSTRAINT "account_change_two_people" CHECK ("account_change"."decided_by" is null or "account_change"."status" = '已撤回' or "account_change"."decided_by" <> "account_change"."proposed_by"),
	CONSTRAINT "account_change_secret_approved" CHECK ("account_change"."secret" is null or ("account_change"."status" = '已批准' and "account_change"."password_to" = 'proposer'))
);
--> statement-breakpoint
ALTER TABLE "account_change" ADD CONSTRAINT "account_change_target_user_id_app_user_id_fk" FOREIGN KEY ("target_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "account_change" ADD CONSTRAINT "account_change_proposed_by_app_user_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "account_change" ADD CONSTRAINT "account_change_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "account_change_one_pending" ON "account_change" USING btree ("kind","login") WHERE "account_change"."status" = '待审批';
--> statement-breakpoint
CREATE INDEX "account_change_proposed_at_idx" ON "account_change" USING btree ("proposed_at");
--> statement-breakpoint
-- A request is born pending; afterwards only its decision is written, once, and the one-time password wiped.
-- An approval or rejection is by a 安全管理员 who is neither the proposer nor the account concerned; a
-- withdrawal is by the proposer. No row is ever deleted.
CREATE FUNCTION account_change_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION '账号变更申请不能删除' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> '待审批' OR NEW.decided_by IS NOT NULL OR NEW.secret IS NOT NULL OR NEW.password_to IS NOT NULL THEN
      RAISE EXCEPTION '账号变更申请只能以“待审批”提出' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.login <> OLD.login OR NEW.payload <> OLD.payload
     OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW.proposed_by <> OLD.proposed_by OR NEW.proposed_at <> OLD.proposed_at
     OR (NEW.target_user_id IS DISTINCT FROM OLD.target_user_id
         AND NOT (OLD.target_user_id IS NULL AND OLD.kind = 'create' AND OLD.status = '待审批' AND NEW.status = '已批准')) THEN
    RAISE EXCEPTION '账号变更申请提出后不能修改' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status <> '待审批' THEN
    -- Decided: the decision stays; the only change left is wiping the one-time password once shown.
    IF NEW.status <> OLD.status OR NEW.decided_by IS DISTINCT FROM OLD.decided_by OR NEW.decided_at IS DISTINCT FROM OLD.decided_at
       OR NEW.decision_reason IS DISTINCT FROM OLD.decision_reason OR NEW.password_to IS DISTINCT FROM OLD.password_to
       OR (NEW.secret IS NOT NULL AND NEW.secret IS DISTINCT FROM OLD.secret)
       OR (OLD.secret_shown_at IS NOT NULL AND NEW.secret_shown_at IS DISTINCT FROM OLD.secret_shown_at) THEN
      RAISE EXCEPTION '账号变更申请已处理，不能再次处理' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status = '待审批' THEN
    RAISE EXCEPTION '待审批的申请只能批准、驳回或撤回' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = '已撤回' THEN
    IF NEW.decided_by IS DISTINCT FROM NEW.proposed_by OR NEW.secret IS NOT NULL THEN
      RAISE EXCEPTION '只有提出人可以撤回申请' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  -- 已批准 / 已驳回: two people.
  IF NEW.decided_by = NEW.proposed_by THEN
    RAISE EXCEPTION '双人审批：提出人不能审批自己的申请' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.decided_by = NEW.target_user_id THEN
    RAISE EXCEPTION '双人审批：不能审批与本人账号有关的申请' USING ERRCODE = 'check_violation';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM user_role r JOIN app_user u ON u.id = r.user_id
                 WHERE r.user_id = NEW.decided_by AND r.role = 'secadmin' AND NOT u.disabled) THEN
    RAISE EXCEPTION '双人审批：只有安全管理员可以审批账号变更' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER account_change_guard BEFORE INSERT OR UPDATE OR DELETE ON account_change FOR EACH ROW EXECUTE FUNCTION account_change_guard();
--> statement-breakpoint
CREATE TRIGGER account_change_no_truncate BEFORE TRUNCATE ON account_change FOR EACH STATEMENT EXECUTE FUNCTION account_change_guard();
