-- Audit log is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计日志只允许追加，不允许修改或删除 (audit_log is append-only)' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();
--> statement-breakpoint
-- Gap-free sequence: each new row must follow the last one.
CREATE FUNCTION audit_log_check_seq() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE last bigint;
BEGIN
  SELECT max(seq) INTO last FROM audit_log;
  IF NEW.seq <> coalesce(last, 0) + 1 THEN
    RAISE EXCEPTION '审计日志序号不连续：期望 %，实际 %', coalesce(last, 0) + 1, NEW.seq;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_seq BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_check_seq();
--> statement-breakpoint
-- 三员分立: an admin role is never held together with any other role.
CREATE FUNCTION user_role_check_disjoint() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('user_role:' || NEW.user_id::text));
  -- The other roles of this account (an UPDATE replaces its old row, which does not count).
  IF NEW.role IN ('sysadmin','secadmin','auditadmin') THEN
    IF EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = NEW.user_id AND r.role <> NEW.role
               AND NOT (TG_OP = 'UPDATE' AND r.user_id = OLD.user_id AND r.role = OLD.role)) THEN
      RAISE EXCEPTION '三员分立：管理员角色不能与其他角色同时授予同一账号' USING ERRCODE = 'check_violation';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = NEW.user_id AND r.role IN ('sysadmin','secadmin','auditadmin')
               AND NOT (TG_OP = 'UPDATE' AND r.user_id = OLD.user_id AND r.role = OLD.role)) THEN
    RAISE EXCEPTION '三员分立：管理员账号不能再授予业务角色' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER user_role_disjoint BEFORE INSERT OR UPDATE ON user_role FOR EACH ROW EXECUTE FUNCTION user_role_check_disjoint();
--> statement-breakpoint
INSERT INTO department (code, name, kinds, sort_order) VALUES
  ('jw', '纪委监委', '{dflz,ytjm,xfjb,cfwz,bzjl}', 1),
  ('zzb', '组织部', '{dflz,ndkh,gbcc,ybgpy,ytjm,cfwz,bzjl}', 2),
  ('fy', '法院', '{sfjl,bzjl}', 3),
  ('jcy', '检察院', '{sfjl,bzjl}', 4),
  ('ga', '公安局', '{sfjl,bzjl}', 5),
  ('xc', '巡察办', '{xcxc,bzjl}', 6),
  ('sj', '审计局', '{jjzrsj,bzjl}', 7),
  ('xf', '信访局', '{xfjb,bzjl}', 8);
