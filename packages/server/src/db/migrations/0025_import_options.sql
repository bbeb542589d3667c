-- What the user chose for an import beyond the header mapping: for a 干部名册, the default unit of new
-- cadres (`orgId`) and whether to create their tenures (`tenures`). Other kinds leave it empty.
ALTER TABLE "import_batch" ADD COLUMN "options" jsonb DEFAULT '{}'::jsonb NOT NULL;
