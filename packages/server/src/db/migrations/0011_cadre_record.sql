CREATE TABLE "cadre_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"format" text NOT NULL,
	"status" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sm3" text NOT NULL,
	"data" "bytea",
	"org_id" uuid,
	"report" jsonb,
	"files" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_by_login" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cadre_photo" (
	"cadre_id" uuid PRIMARY KEY NOT NULL,
	"mime" text NOT NULL,
	"data" "bytea" NOT NULL,
	"sm3" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cadre_record" (
	"cadre_id" uuid PRIMARY KEY NOT NULL,
	"fields" jsonb NOT NULL,
	"resume_text" text,
	"resume" jsonb,
	"family_enc" "bytea",
	"family_count" integer DEFAULT 0 NOT NULL,
	"unknown" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_format" text NOT NULL,
	"source_name" text,
	"source_sm3" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cadre" ADD COLUMN "birth_place" text;--> statement-breakpoint
ALTER TABLE "cadre_photo" ADD CONSTRAINT "cadre_photo_cadre_id_cadre_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadre"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_record" ADD CONSTRAINT "cadre_record_cadre_id_cadre_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadre"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cadre_import_creator_idx" ON "cadre_import" USING btree ("created_by","created_at");