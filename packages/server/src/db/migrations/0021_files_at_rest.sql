-- Files at rest are SM4-encrypted (crypto/blob.ts, magic 'JDB1'). Attachments stay append-only, with ONE
-- exception: a row written before encryption may have its data replaced by the encrypted form, every
-- other column unchanged (services/housekeeping.ts encryptLegacyFiles). The database cannot check that the
-- new bytes decrypt to the old ones; the download does (HMAC-SM3 with AAD attachment:<id>, then the SM3
-- of the plaintext against the sm3 column, which this exception keeps unchanged).
CREATE FUNCTION attachment_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND substring(OLD.data from 1 for 4) IS DISTINCT FROM decode('4a444231', 'hex')
     AND substring(NEW.data from 1 for 4) = decode('4a444231', 'hex')
     AND NEW.id = OLD.id AND NEW.entry_id = OLD.entry_id AND NEW.version_id = OLD.version_id
     AND NEW.file_name = OLD.file_name AND NEW.mime = OLD.mime AND NEW.size = OLD.size AND NEW.sm3 = OLD.sm3
     AND NEW.created_by IS NOT DISTINCT FROM OLD.created_by AND NEW.created_at = OLD.created_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '台账记录只允许追加：更正或撤销请新增版本（% 不允许 %）', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
DROP TRIGGER attachment_append_only ON attachment;
--> statement-breakpoint
CREATE TRIGGER attachment_append_only BEFORE UPDATE OR DELETE ON attachment FOR EACH ROW EXECUTE FUNCTION attachment_refuse_change();
