-- Units as they change (机构改革): rename (former names kept and still matched on import), move, merge, abolish.
-- `org` keeps its current state; `org_change` is the dated, attributable, append-only history of each change.
ALTER TABLE "org" ADD COLUMN "former_names" text[] DEFAULT '{}'::text[] NOT NULL;
--> statement-breakpoint
ALTER TABLE "org" ADD COLUMN "abolished_on" date;
--> statement-breakpoint
ALTER TABLE "org" ADD COLUMN "merged_into" uuid REFERENCES "org"("id");
--> statement-breakpoint
-- An abolished unit keeps its name; a new unit of that name may be set up beside it.
DROP INDEX "org_parent_name_uq";
--> statement-breakpoint
CREATE UNIQUE INDEX "org_parent_name_uq" ON "org" (coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid), "name") WHERE "abolished_on" IS NULL;
--> statement-breakpoint
CREATE TABLE "org_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL REFERENCES "org"("id"),
	"kind" text NOT NULL,
	"effective_date" date NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reason" text,
	"created_by" uuid,
	"created_by_login" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_change_kind" CHECK ("kind" in ('create','import','rename','move','merge','abolish'))
);
--> statement-breakpoint
CREATE INDEX "org_change_org_idx" ON "org_change" ("org_id", "effective_date");
--> statement-breakpoint
CREATE FUNCTION org_change_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '单位变更记录只允许追加，不允许修改或删除 (org_change is append-only)' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER org_change_append_only BEFORE UPDATE OR DELETE ON "org_change" FOR EACH ROW EXECUTE FUNCTION org_change_refuse();
