-- Version 1 of an entry needs no lookup (the unique index on (entry_id, version) already refuses a second
-- version 1): bulk imports insert only version-1 rows, so the common case stays cheap.
CREATE OR REPLACE FUNCTION entry_check_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE last integer;
BEGIN
  IF NEW.version = 1 THEN
    IF NEW.action <> 'create' THEN
      RAISE EXCEPTION '台账第1版必须是新增，之后的版本只能是更正或撤销' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.action = 'create' THEN
    RAISE EXCEPTION '台账第1版必须是新增，之后的版本只能是更正或撤销' USING ERRCODE = 'check_violation';
  END IF;
  SELECT max(version) INTO last FROM entry WHERE entry_id = NEW.entry_id;
  IF last IS NULL OR NEW.version <> last + 1 THEN
    RAISE EXCEPTION '台账版本冲突：该记录已是第 % 版', coalesce(last, 0) USING ERRCODE = 'unique_violation';
  END IF;
  RETURN NEW;
END
$$;
