-- 干部管理权限: a cadre's management level (中管/省管/市管/县管) follows the rank (职务层次/职级) unless a
-- supervisor of a higher level overrides it. The trigger keeps `manage_level` = override, else the level of
-- the rank, on every insert and update, whatever path writes the row (form, import, seed).
ALTER TABLE "cadre" ADD COLUMN "manage_level" text DEFAULT '县管' NOT NULL;
--> statement-breakpoint
ALTER TABLE "cadre" ADD COLUMN "manage_level_override" text;
--> statement-breakpoint
ALTER TABLE "cadre" ADD CONSTRAINT "cadre_manage_level" CHECK ("manage_level" in ('中管','省管','市管','县管'));
--> statement-breakpoint
ALTER TABLE "cadre" ADD CONSTRAINT "cadre_manage_level_override" CHECK ("manage_level_override" is null or "manage_level_override" in ('中管','省管','市管','县管'));
--> statement-breakpoint
CREATE FUNCTION manage_level_of_rank(r text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  select case
    when r is null or r = '' then '县管'
    when r like '%部级%' or r like '%省部%' then '中管'
    when r like '%厅%' or r like '%局级%' or r like '%巡视员%' then '省管'
    when r like '%处%' or r like '%县级%' or r like '%调研员%' then '市管'
    else '县管'
  end
$$;
--> statement-breakpoint
CREATE FUNCTION cadre_set_manage_level() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.manage_level := coalesce(NEW.manage_level_override, manage_level_of_rank(NEW.rank));
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER cadre_manage_level BEFORE INSERT OR UPDATE ON "cadre" FOR EACH ROW EXECUTE FUNCTION cadre_set_manage_level();
--> statement-breakpoint
UPDATE "cadre" SET "manage_level" = coalesce("manage_level_override", manage_level_of_rank("rank"));
--> statement-breakpoint
-- The cadres a county jurisdiction does not manage are the few above 县管: a small partial index finds them.
CREATE INDEX "cadre_manage_above_idx" ON "cadre" USING btree ("manage_level","org_id") WHERE "manage_level" <> '县管';
--> statement-breakpoint
-- Teams managed by a 组织部 outside the jurisdiction are found through org.managed_by.
CREATE INDEX "org_managed_by_idx" ON "org" USING btree ("managed_by") WHERE "managed_by" is not null;
