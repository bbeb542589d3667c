CREATE TABLE "import_staging" (
	"batch_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source_dept" text NOT NULL,
	"cadre_id" uuid,
	"team_id" uuid,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"occurred_on" date NOT NULL,
	"ref_no" text,
	"summary" text NOT NULL,
	"outcome" text,
	"details" jsonb NOT NULL,
	"impact_until" date,
	"impact_basis" text,
	"sensitivity" text NOT NULL,
	"natural_key" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_staging" ADD CONSTRAINT "import_staging_batch_id_import_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batch"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_staging_batch_idx" ON "import_staging" USING btree ("batch_id","row");