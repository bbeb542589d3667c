-- 分工 (分管领域) as it changes during a tenure: each change is dated (in force from `effective_date`),
-- attributable and append-only. `tenure.domains` stays the 分工 at the tenure's start; the 分工 in force on a
-- day is the latest `tenure_domain` row effective on or before it, else `tenure.domains`.
CREATE TABLE "tenure_domain" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenure_id" uuid NOT NULL REFERENCES "tenure"("id"),
	"domains" text[] NOT NULL,
	"effective_date" date NOT NULL,
	"reason" text,
	"created_by" uuid,
	"created_by_login" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "tenure_domain_tenure_idx" ON "tenure_domain" ("tenure_id", "effective_date");
--> statement-breakpoint
CREATE FUNCTION tenure_domain_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '分工变更记录只允许追加，不允许修改或删除 (tenure_domain is append-only)' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER tenure_domain_append_only BEFORE UPDATE OR DELETE ON "tenure_domain" FOR EACH ROW EXECUTE FUNCTION tenure_domain_refuse();
