CREATE TABLE "attachment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"sm3" "bytea" NOT NULL,
	"data" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
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
	"provenance" text NOT NULL,
	"batch_id" uuid,
	"natural_key" text,
	"reason" text,
	"created_by" uuid,
	"created_by_login" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "entry_subject" CHECK ("entry"."cadre_id" is not null or "entry"."team_id" is not null),
	CONSTRAINT "entry_action" CHECK ("entry"."action" in ('create','correct','withdraw')),
	CONSTRAINT "entry_provenance" CHECK ("entry"."provenance" in ('form','excel','api','lrmx'))
);
--> statement-breakpoint
CREATE TABLE "entry_head" (
	"entry_id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"review_reason" text,
	"kind" text NOT NULL,
	"source_dept" text NOT NULL,
	"cadre_id" uuid,
	"team_id" uuid,
	"org_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "entry_head_status" CHECK ("entry_head"."status" in ('pending','accepted','returned','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "entry_review" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"reviewed_by" uuid,
	"reviewed_by_login" text,
	"reviewed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_batch" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_sm3" text NOT NULL,
	"file_name" text NOT NULL,
	"kind" text NOT NULL,
	"source_dept" text NOT NULL,
	"status" text NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_by_login" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_version_id_entry_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry" ADD CONSTRAINT "entry_source_dept_department_code_fk" FOREIGN KEY ("source_dept") REFERENCES "public"."department"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry" ADD CONSTRAINT "entry_cadre_id_cadre_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadre"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry" ADD CONSTRAINT "entry_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry" ADD CONSTRAINT "entry_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_head" ADD CONSTRAINT "entry_head_version_id_entry_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_review" ADD CONSTRAINT "entry_review_version_id_entry_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachment_entry_idx" ON "attachment" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "entry_version_uq" ON "entry" USING btree ("entry_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "entry_natural_key_uq" ON "entry" USING btree ("natural_key") WHERE "entry"."version" = 1 and "entry"."natural_key" is not null;--> statement-breakpoint
CREATE INDEX "entry_cadre_idx" ON "entry" USING btree ("cadre_id","occurred_on");--> statement-breakpoint
CREATE INDEX "entry_team_idx" ON "entry" USING btree ("team_id","occurred_on");--> statement-breakpoint
CREATE INDEX "entry_batch_idx" ON "entry" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "entry_head_cadre_idx" ON "entry_head" USING btree ("cadre_id","occurred_on");--> statement-breakpoint
CREATE INDEX "entry_head_team_idx" ON "entry_head" USING btree ("team_id","occurred_on");--> statement-breakpoint
CREATE INDEX "entry_head_source_idx" ON "entry_head" USING btree ("source_dept","status","occurred_on");--> statement-breakpoint
CREATE INDEX "entry_head_org_idx" ON "entry_head" USING btree ("org_id","occurred_on");--> statement-breakpoint
CREATE INDEX "entry_review_entry_idx" ON "entry_review" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "import_batch_sm3_idx" ON "import_batch" USING btree ("file_sm3");