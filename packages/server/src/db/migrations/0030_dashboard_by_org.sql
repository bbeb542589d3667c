-- 工作台 for an area below the top (a county supervisor, a county chosen at the province): the area's open
-- warnings and active obligations are found unit by unit (the area's ~100 orgs), not by scanning the whole
-- province's; the columns the counts group by are in the index.
CREATE INDEX "warning_open_org_idx" ON "warning" USING btree ("org_id","rule","colour") WHERE "warning"."active" and "warning"."status" in ('new','read');
--> statement-breakpoint
CREATE INDEX "obligation_active_org_idx" ON "obligation" USING btree ("org_id","type","due_on") WHERE "obligation"."active";
