ALTER TABLE "import_staging" DROP CONSTRAINT "import_staging_batch_id_import_batch_id_fk";
--> statement-breakpoint
DROP INDEX "entry_cadre_idx";--> statement-breakpoint
DROP INDEX "entry_team_idx";--> statement-breakpoint
DROP INDEX "entry_head_cadre_idx";--> statement-breakpoint
DROP INDEX "entry_head_team_idx";--> statement-breakpoint
CREATE INDEX "entry_head_cadre_idx" ON "entry_head" USING btree ("cadre_id","occurred_on") WHERE "entry_head"."cadre_id" is not null;--> statement-breakpoint
CREATE INDEX "entry_head_team_idx" ON "entry_head" USING btree ("team_id","occurred_on") WHERE "entry_head"."team_id" is not null;