-- The import's commit (issue 12 point 8). The 文号 and 明细 of a check chunk's staged ledger rows are sealed
-- together, one SM4 blob per chunk (AAD `import-staging-text:<batch>:<first row>`), not one per row: the
-- commit opens ~100 blobs for 100,000 rows instead of 100,000 (the 摘要/处理结果 are staged in their entry
-- form, sealed per entry, in import_staging itself). Removed with the batch's staged rows.
CREATE TABLE "import_staging_text" (
	"batch_id" uuid NOT NULL REFERENCES "import_batch"("id") ON DELETE cascade,
	"first_row" integer NOT NULL,
	"last_row" integer NOT NULL,
	"data" bytea NOT NULL,
	CONSTRAINT "import_staging_text_pk" PRIMARY KEY ("batch_id", "first_row")
);
--> statement-breakpoint
-- Version 1 of an entry ('create') needs no check at all (entry_check_version returns it unchanged): the
-- trigger is not even called for it, so a bulk import does not run PL/pgSQL once per row.
DROP TRIGGER entry_version_order ON entry;
--> statement-breakpoint
CREATE TRIGGER entry_version_order BEFORE INSERT ON entry FOR EACH ROW
  WHEN (NEW.version IS DISTINCT FROM 1 OR NEW.action IS DISTINCT FROM 'create') EXECUTE FUNCTION entry_check_version();
