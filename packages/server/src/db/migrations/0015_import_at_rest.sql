-- Issue 9 (points 1, 7, 11): uploads stored SM4-encrypted in chunks in the database (every app process reads
-- them), batches owned by a process that beats a heartbeat, staged and rejected rows sealed.
ALTER TABLE "import_batch" ADD COLUMN "owner" uuid;--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "file_bytes" bigint;--> statement-breakpoint
ALTER TABLE "cadre_import" ADD COLUMN "owner" uuid;--> statement-breakpoint
ALTER TABLE "cadre_import" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
CREATE TABLE "import_file_chunk" (
	"batch_id" uuid NOT NULL,
	"idx" integer NOT NULL,
	"data" bytea NOT NULL,
	CONSTRAINT "import_file_chunk_pk" PRIMARY KEY ("batch_id", "idx")
);
--> statement-breakpoint
ALTER TABLE "import_file_chunk" ADD CONSTRAINT "import_file_chunk_batch_id_import_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batch"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "import_reject_chunk" (
	"batch_id" uuid NOT NULL,
	"first_row" integer NOT NULL,
	"data" bytea NOT NULL,
	CONSTRAINT "import_reject_chunk_pk" PRIMARY KEY ("batch_id", "first_row")
);
--> statement-breakpoint
ALTER TABLE "import_reject_chunk" ADD CONSTRAINT "import_reject_chunk_batch_id_import_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batch"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_staging" ADD COLUMN "sealed" bytea;--> statement-breakpoint
ALTER TABLE "import_staging" ALTER COLUMN "summary" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staging" ALTER COLUMN "details" DROP NOT NULL;--> statement-breakpoint
-- Uploads were kept whole and in plaintext: they are dropped (an open import asks for the file again).
DROP TABLE "import_file";--> statement-breakpoint
-- Work rows of imports that are over are purged (they held the rows' texts in plaintext).
DELETE FROM "import_staging" s USING "import_batch" b WHERE b.id = s.batch_id AND b.status IN ('done', 'cancelled', 'failed');--> statement-breakpoint
DELETE FROM "import_staging" s WHERE NOT EXISTS (SELECT 1 FROM "import_batch" b WHERE b.id = s.batch_id);--> statement-breakpoint
CREATE INDEX "import_batch_open_idx" ON "import_batch" USING btree ("status") WHERE status IN ('queued', 'checking', 'committing');
