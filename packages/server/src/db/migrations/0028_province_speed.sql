-- Fast at province scale (issue 12). `ORDER BY x DESC` means DESC NULLS FIRST in PostgreSQL: the indexes
-- declared DESC NULLS LAST could not give the lists their order (the columns are NOT NULL, but the planner
-- does not use that), so every page of the ledger sorted all the rows in scope (3.7 s at 20M entries).
DROP INDEX IF EXISTS "entry_head_recent_idx";
--> statement-breakpoint
CREATE INDEX "entry_head_recent_idx" ON "entry_head" USING btree ("occurred_on" DESC NULLS FIRST,"entry_id" DESC NULLS FIRST);
--> statement-breakpoint
DROP INDEX IF EXISTS "warning_open_idx";
--> statement-breakpoint
CREATE INDEX "warning_open_idx" ON "warning" USING btree ("colour","last_changed_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "warning"."active";
--> statement-breakpoint
-- The warnings list's default view (open: active, 未阅 or 已阅), newest change first, without a colour.
CREATE INDEX "warning_open_recent_idx" ON "warning" USING btree ("last_changed_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "warning"."active" and "warning"."status" in ('new','read');
--> statement-breakpoint
-- The 待办 list without a state filter: every active obligation by due day.
CREATE INDEX "obligation_active_due_idx" ON "obligation" USING btree ("due_on","id") WHERE "obligation"."active";
--> statement-breakpoint
-- The cadre list sorts by `name_pinyin collate "C"` (byte order whatever the database's locale); an index in the
-- column's default collation cannot give that order, so the first page sorted every cadre in scope (1.3 s at 200,000).
DROP INDEX IF EXISTS "cadre_pinyin_idx";
--> statement-breakpoint
CREATE INDEX "cadre_pinyin_idx" ON "cadre" USING btree ("name_pinyin" COLLATE "C","id");
--> statement-breakpoint
-- 工作台's "entries by source and month" for a whole province counted ~3 million ledger rows at every view.
-- This summary holds, for the orgs at the top three levels of the tree (province, city, county and the units
-- directly under a city), the accepted entries of their subtree by month and source department. Rows are
-- deltas (the count is their sum): the triggers below only ever INSERT, so concurrent writers never wait on
-- one another; `entry_area_month_compact()` folds them (the backfill below is already folded).
CREATE TABLE "entry_area_month" (
  "area_id" uuid NOT NULL,
  "month" date NOT NULL,
  "source_dept" text NOT NULL,
  "n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "entry_area_month_idx" ON "entry_area_month" USING btree ("area_id","month","source_dept");
--> statement-breakpoint
-- The areas an org counts in: the first three ids of its path (itself among them when it is that high).
CREATE FUNCTION entry_areas(path text) RETURNS uuid[] LANGUAGE sql IMMUTABLE AS $$
  select ((string_to_array(trim(both '/' from path), '/'))[1:3])::uuid[]
$$;
--> statement-breakpoint
CREATE FUNCTION entry_area_month_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO entry_area_month (area_id, month, source_dept, n)
  SELECT a.area, date_trunc('month', t.occurred_on)::date, t.source_dept, count(*)
  FROM new_rows t JOIN org o ON o.id = t.org_id CROSS JOIN LATERAL unnest(entry_areas(o.path)) AS a(area)
  WHERE t.status = 'accepted' GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION entry_area_month_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO entry_area_month (area_id, month, source_dept, n)
  SELECT a.area, date_trunc('month', t.occurred_on)::date, t.source_dept, sum(t.d)
  FROM (SELECT org_id, occurred_on, source_dept, -1 AS d FROM old_rows WHERE status = 'accepted'
        UNION ALL SELECT org_id, occurred_on, source_dept, 1 FROM new_rows WHERE status = 'accepted') t
  JOIN org o ON o.id = t.org_id CROSS JOIN LATERAL unnest(entry_areas(o.path)) AS a(area)
  GROUP BY 1, 2, 3 HAVING sum(t.d) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION entry_area_month_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO entry_area_month (area_id, month, source_dept, n)
  SELECT a.area, date_trunc('month', t.occurred_on)::date, t.source_dept, -count(*)
  FROM old_rows t JOIN org o ON o.id = t.org_id CROSS JOIN LATERAL unnest(entry_areas(o.path)) AS a(area)
  WHERE t.status = 'accepted' GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER entry_area_month_insert AFTER INSERT ON "entry_head" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION entry_area_month_insert();
--> statement-breakpoint
CREATE TRIGGER entry_area_month_update AFTER UPDATE ON "entry_head" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION entry_area_month_update();
--> statement-breakpoint
CREATE TRIGGER entry_area_month_delete AFTER DELETE ON "entry_head" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION entry_area_month_delete();
--> statement-breakpoint
-- A unit moved (机构改革) counts under its new areas from then on: its entries leave the old ones.
CREATE FUNCTION entry_area_month_org_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO entry_area_month (area_id, month, source_dept, n)
  SELECT a.area, x.month, x.source_dept, sum(m.d * x.n)
  FROM (SELECT ot.id, ot.path, -1 AS d FROM old_rows ot JOIN new_rows nt ON nt.id = ot.id WHERE entry_areas(ot.path) IS DISTINCT FROM entry_areas(nt.path)
        UNION ALL
        SELECT nt.id, nt.path, 1 FROM old_rows ot JOIN new_rows nt ON nt.id = ot.id WHERE entry_areas(ot.path) IS DISTINCT FROM entry_areas(nt.path)) m
  JOIN (SELECT h.org_id, date_trunc('month', h.occurred_on)::date AS month, h.source_dept, count(*) AS n FROM entry_head h
        WHERE h.status = 'accepted' AND h.org_id IN (SELECT ot.id FROM old_rows ot JOIN new_rows nt ON nt.id = ot.id WHERE entry_areas(ot.path) IS DISTINCT FROM entry_areas(nt.path))
        GROUP BY 1, 2, 3) x ON x.org_id = m.id
  CROSS JOIN LATERAL unnest(entry_areas(m.path)) AS a(area)
  GROUP BY 1, 2, 3 HAVING sum(m.d * x.n) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER entry_area_month_org_moved AFTER UPDATE ON "org" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION entry_area_month_org_moved();
--> statement-breakpoint
-- Folds the deltas of each (area, month, source) into one row; safe beside writers (they only insert).
CREATE FUNCTION entry_area_month_compact() RETURNS integer LANGUAGE sql AS $$
  WITH many AS (SELECT area_id, month, source_dept FROM entry_area_month GROUP BY 1, 2, 3 HAVING count(*) > 1),
  gone AS (DELETE FROM entry_area_month e USING many m
           WHERE e.area_id = m.area_id AND e.month = m.month AND e.source_dept = m.source_dept
           RETURNING e.area_id, e.month, e.source_dept, e.n),
  folded AS (INSERT INTO entry_area_month (area_id, month, source_dept, n)
             SELECT area_id, month, source_dept, sum(n) FROM gone GROUP BY 1, 2, 3 HAVING sum(n) <> 0 RETURNING 1)
  SELECT count(*)::int FROM folded
$$;
--> statement-breakpoint
INSERT INTO entry_area_month (area_id, month, source_dept, n)
SELECT a.area, date_trunc('month', h.occurred_on)::date, h.source_dept, count(*)
FROM entry_head h JOIN org o ON o.id = h.org_id CROSS JOIN LATERAL unnest(entry_areas(o.path)) AS a(area)
WHERE h.status = 'accepted' GROUP BY 1, 2, 3;
