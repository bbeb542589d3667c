-- 台账 keyword search: the keyed hashes of the 摘要's character bigrams (crypto/entry-search.ts), a blind
-- index of the sealed text. Null on rows written before this migration until the startup backfill fills them.
ALTER TABLE entry ADD COLUMN summary_grams int4[];
--> statement-breakpoint
CREATE INDEX entry_summary_grams_idx ON entry USING gin (summary_grams);
--> statement-breakpoint
-- The import stages the grams at check time; its commit copies them.
ALTER TABLE import_staging ADD COLUMN summary_grams int4[];
--> statement-breakpoint
-- Versions stay append-only; the one change allowed is filling summary_grams where it is null (the
-- backfill), with every other column as it was.
CREATE FUNCTION entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.summary_grams IS NULL AND NEW.summary_grams IS NOT NULL
     AND (to_jsonb(NEW) - 'summary_grams') = (to_jsonb(OLD) - 'summary_grams') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '台账记录只允许追加：更正或撤销请新增版本（% 不允许 %）', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
DROP TRIGGER entry_append_only ON entry;
--> statement-breakpoint
CREATE TRIGGER entry_append_only BEFORE UPDATE OR DELETE ON entry FOR EACH ROW EXECUTE FUNCTION entry_refuse_change();
