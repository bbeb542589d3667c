CREATE TABLE "import_file" (
	"batch_id" uuid PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_issue" (
	"batch_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"column" text NOT NULL,
	"message" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "strict" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "mapping" jsonb;--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "header_row" integer;--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "progress" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "valid" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "actor_mode" text DEFAULT 'supervisor' NOT NULL;--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "scope_org_id" uuid;--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "updated_at" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "import_file" ADD CONSTRAINT "import_file_batch_id_import_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batch"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_issue" ADD CONSTRAINT "import_issue_batch_id_import_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batch"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_issue_batch_idx" ON "import_issue" USING btree ("batch_id","row");--> statement-breakpoint
CREATE INDEX "import_batch_creator_idx" ON "import_batch" USING btree ("created_by","created_at");