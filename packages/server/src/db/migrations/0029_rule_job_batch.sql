-- A rule job may cover the subjects of one import (a large import's re-evaluation, run after its commit
-- in the background): `batch_id` names the import; null is the full re-evaluation of every subject.
ALTER TABLE "rule_job" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
CREATE INDEX "rule_job_batch_idx" ON "rule_job" USING btree ("batch_id","started_at") WHERE "batch_id" IS NOT NULL;
