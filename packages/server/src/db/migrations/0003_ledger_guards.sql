-- Ledger versions, reviews and attachments are never changed or removed in place.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '台账记录只允许追加：更正或撤销请新增版本（% 不允许 %）', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER entry_append_only BEFORE UPDATE OR DELETE ON entry FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER entry_no_truncate BEFORE TRUNCATE ON entry FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER entry_review_append_only BEFORE UPDATE OR DELETE ON entry_review FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER entry_review_no_truncate BEFORE TRUNCATE ON entry_review FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER attachment_append_only BEFORE UPDATE OR DELETE ON attachment FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER attachment_no_truncate BEFORE TRUNCATE ON attachment FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
-- A version follows the one before it: version 1 is a 'create', later ones correct or withdraw.
CREATE FUNCTION entry_check_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE last integer;
BEGIN
  SELECT max(version) INTO last FROM entry WHERE entry_id = NEW.entry_id;
  IF NEW.version <> coalesce(last, 0) + 1 THEN
    RAISE EXCEPTION '台账版本冲突：该记录已是第 % 版', coalesce(last, 0) USING ERRCODE = 'unique_violation';
  END IF;
  IF (NEW.version = 1) <> (NEW.action = 'create') THEN
    RAISE EXCEPTION '台账第1版必须是新增，之后的版本只能是更正或撤销' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER entry_version_order BEFORE INSERT ON entry FOR EACH ROW EXECUTE FUNCTION entry_check_version();
