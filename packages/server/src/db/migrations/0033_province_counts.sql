-- Issue 12 point 7, second round: the province's 工作台, name search and team page without scans.
--
-- 1. A team's current members: `team_id = $1 and (end_date is null or end_date > $2)` could not use the partial
--    `tenure_team_idx` (end_date is null only) and read all 172,700 tenures of the province for each team page.
CREATE INDEX "tenure_team_end_idx" ON "tenure" USING btree ("team_id","end_date");
--> statement-breakpoint
-- 2. 姓名 search `name like '%张%'`: the characters and character pairs of a name, in a GIN index; the list asks
--    for the query's pairs (one character: itself) and keeps `like` as the exact test.
CREATE FUNCTION cadre_name_grams(n text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  select coalesce(array_agg(distinct g), '{}') from (
    select substr(n, i, 1) as g from generate_series(1, char_length(n)) as i
    union all
    select substr(n, i, 2) from generate_series(1, char_length(n) - 1) as i) s
$$;
--> statement-breakpoint
-- Stored: the index's recheck and the list read the column, not the function once per candidate row.
ALTER TABLE "cadre" ADD COLUMN "name_grams" text[] GENERATED ALWAYS AS (cadre_name_grams("name")) STORED;
--> statement-breakpoint
CREATE INDEX "cadre_name_grams_idx" ON "cadre" USING gin ("name_grams");
--> statement-breakpoint
-- 3. The 工作台's counts at the top of the tree, kept like `entry_area_month` (0028): insert-only deltas per area
--    (the first three ids of the org's path, `entry_areas`), folded hourly by `dashboard_counts_compact()`.
--    Open warnings (active, 未阅/已阅) by rule and colour:
CREATE TABLE "warning_area_count" (
  "area_id" uuid NOT NULL,
  "rule" text NOT NULL,
  "colour" text NOT NULL,
  "n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "warning_area_count_idx" ON "warning_area_count" USING btree ("area_id","rule","colour");
--> statement-breakpoint
-- Active obligations by type, due day and state (open: neither done nor 办结; done: done_on set).
CREATE TABLE "obligation_area_count" (
  "area_id" uuid NOT NULL,
  "type" text NOT NULL,
  "due_on" date NOT NULL,
  "open" boolean NOT NULL,
  "done" boolean NOT NULL,
  "n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "obligation_area_count_idx" ON "obligation_area_count" USING btree ("area_id","type","due_on");
--> statement-breakpoint
CREATE FUNCTION warning_area_count_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO warning_area_count (area_id, rule, colour, n)
    SELECT a.area, t.rule, t.colour, sum(t.d) FROM (
      SELECT org_id, rule, colour, -1 AS d FROM old_rows WHERE active AND status IN ('new', 'read')
      UNION ALL SELECT org_id, rule, colour, 1 FROM new_rows WHERE active AND status IN ('new', 'read')) t
    JOIN org o ON o.id = t.org_id CROSS JOIN LATERAL unnest(entry_areas(o.path)) AS a(area)
    GROUP BY 1, 2, 3 HAVING sum(t.d) <> 0;
  ELSE
    INSERT INTO warning_area_count (area_id, rule, colour, n)
    SELECT a.area, t.rule, t.colour, count(*)
    FROM new_rows t JOIN org o ON o.id = t.org_id CROSS JOIN LATERAL unnest(entry_areas(o.path)) AS a(area)
    WHERE t.active AND t.status IN ('new', 'read') GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION warning_area_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO warning_area_count (area_id, rule, colour, n)
  SELECT a.area, t.rule, t.colour, -count(*)
  FROM old_rows t JOIN org o ON o.id = t.org_id CROSS JOIN LATERAL unnest(entry_areas(o.path)) AS a(area)
  WHERE t.active AND t.status IN ('new', 'read') GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER warning_area_count_insert AFTER INSERT ON "warning" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION warning_area_count_delta();
--> statement-breakpoint
CREATE TRIGGER warning_area_count_update AFTER UPDATE ON "warning" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION warning_area_count_delta();
--> statement-breakpoint
CREATE TRIGGER warning_area_count_delete AFTER DELETE ON "warning" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION warning_area_count_deleted();
--> statement-breakpoint
CREATE FUNCTION obligation_area_count_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO obligation_area_count (area_id, type, due_on, open, done, n)
    SELECT a.area, t.type, t.due_on, t.open, t.done, sum(t.d) FROM (
      SELECT org_id, type, due_on, done_on IS NULL AND closed_on IS NULL AS open, done_on IS NOT NULL AS done, -1 AS d FROM old_rows WHERE active
      UNION ALL
      SELECT org_id, type, due_on, done_on IS NULL AND closed_on IS NULL, done_on IS NOT NULL, 1 FROM new_rows WHERE active) t
    JOIN org o ON o.id = t.org_id CROSS JOIN LATERAL unnest(entry_areas(o.path)) AS a(area)
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(t.d) <> 0;
  ELSE
    INSERT INTO obligation_area_count (area_id, type, due_on, open, done, n)
    SELECT a.area, t.type, t.due_on, t.done_on IS NULL AND t.closed_on IS NULL, t.done_on IS NOT NULL, count(*)
    FROM new_rows t JOIN org o ON o.id = t.org_id CROSS JOIN LATERAL unnest(entry_areas(o.path)) AS a(area)
    WHERE t.active GROUP BY 1, 2, 3, 4, 5;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION obligation_area_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO obligation_area_count (area_id, type, due_on, open, done, n)
  SELECT a.area, t.type, t.due_on, t.done_on IS NULL AND t.closed_on IS NULL, t.done_on IS NOT NULL, -count(*)
  FROM old_rows t JOIN org o ON o.id = t.org_id CROSS JOIN LATERAL unnest(entry_areas(o.path)) AS a(area)
  WHERE t.active GROUP BY 1, 2, 3, 4, 5;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER obligation_area_count_insert AFTER INSERT ON "obligation" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION obligation_area_count_delta();
--> statement-breakpoint
CREATE TRIGGER obligation_area_count_update AFTER UPDATE ON "obligation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION obligation_area_count_delta();
--> statement-breakpoint
CREATE TRIGGER obligation_area_count_delete AFTER DELETE ON "obligation" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION obligation_area_count_deleted();
--> statement-breakpoint
-- A unit moved (机构改革): its open warnings and active obligations leave the old areas for the new ones.
CREATE FUNCTION dashboard_counts_org_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO warning_area_count (area_id, rule, colour, n)
  SELECT a.area, x.rule, x.colour, sum(m.d * x.n)
  FROM (SELECT ot.id, ot.path, -1 AS d FROM old_rows ot JOIN new_rows nt ON nt.id = ot.id WHERE entry_areas(ot.path) IS DISTINCT FROM entry_areas(nt.path)
        UNION ALL
        SELECT nt.id, nt.path, 1 FROM old_rows ot JOIN new_rows nt ON nt.id = ot.id WHERE entry_areas(ot.path) IS DISTINCT FROM entry_areas(nt.path)) m
  JOIN (SELECT w.org_id, w.rule, w.colour, count(*) AS n FROM warning w
        WHERE w.active AND w.status IN ('new', 'read')
          AND w.org_id IN (SELECT ot.id FROM old_rows ot JOIN new_rows nt ON nt.id = ot.id WHERE entry_areas(ot.path) IS DISTINCT FROM entry_areas(nt.path))
        GROUP BY 1, 2, 3) x ON x.org_id = m.id
  CROSS JOIN LATERAL unnest(entry_areas(m.path)) AS a(area)
  GROUP BY 1, 2, 3 HAVING sum(m.d * x.n) <> 0;
  INSERT INTO obligation_area_count (area_id, type, due_on, open, done, n)
  SELECT a.area, x.type, x.due_on, x.open, x.done, sum(m.d * x.n)
  FROM (SELECT ot.id, ot.path, -1 AS d FROM old_rows ot JOIN new_rows nt ON nt.id = ot.id WHERE entry_areas(ot.path) IS DISTINCT FROM entry_areas(nt.path)
        UNION ALL
        SELECT nt.id, nt.path, 1 FROM old_rows ot JOIN new_rows nt ON nt.id = ot.id WHERE entry_areas(ot.path) IS DISTINCT FROM entry_areas(nt.path)) m
  JOIN (SELECT b.org_id, b.type, b.due_on, b.done_on IS NULL AND b.closed_on IS NULL AS open, b.done_on IS NOT NULL AS done, count(*) AS n
        FROM obligation b WHERE b.active
          AND b.org_id IN (SELECT ot.id FROM old_rows ot JOIN new_rows nt ON nt.id = ot.id WHERE entry_areas(ot.path) IS DISTINCT FROM entry_areas(nt.path))
        GROUP BY 1, 2, 3, 4, 5) x ON x.org_id = m.id
  CROSS JOIN LATERAL unnest(entry_areas(m.path)) AS a(area)
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(m.d * x.n) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_counts_org_moved AFTER UPDATE ON "org" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_counts_org_moved();
--> statement-breakpoint
-- Folds the deltas of each key into one row; safe beside writers (they only insert).
CREATE FUNCTION dashboard_counts_compact() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE w integer; b integer;
BEGIN
  WITH many AS (SELECT area_id, rule, colour FROM warning_area_count GROUP BY 1, 2, 3 HAVING count(*) > 1),
  gone AS (DELETE FROM warning_area_count e USING many m WHERE e.area_id = m.area_id AND e.rule = m.rule AND e.colour = m.colour
           RETURNING e.area_id, e.rule, e.colour, e.n),
  folded AS (INSERT INTO warning_area_count (area_id, rule, colour, n)
             SELECT area_id, rule, colour, sum(n) FROM gone GROUP BY 1, 2, 3 HAVING sum(n) <> 0 RETURNING 1)
  SELECT count(*)::int INTO w FROM folded;
  WITH many AS (SELECT area_id, type, due_on, open, done FROM obligation_area_count GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1),
  gone AS (DELETE FROM obligation_area_count e USING many m
           WHERE e.area_id = m.area_id AND e.type = m.type AND e.due_on = m.due_on AND e.open = m.open AND e.done = m.done
           RETURNING e.area_id, e.type, e.due_on, e.open, e.done, e.n),
  folded AS (INSERT INTO obligation_area_count (area_id, type, due_on, open, done, n)
             SELECT area_id, type, due_on, open, done, sum(n) FROM gone GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0 RETURNING 1)
  SELECT count(*)::int INTO b FROM folded;
  RETURN w + b;
END $$;
--> statement-breakpoint
INSERT INTO warning_area_count (area_id, rule, colour, n)
SELECT a.area, w.rule, w.colour, count(*)
FROM warning w JOIN org o ON o.id = w.org_id CROSS JOIN LATERAL unnest(entry_areas(o.path)) AS a(area)
WHERE w.active AND w.status IN ('new', 'read') GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO obligation_area_count (area_id, type, due_on, open, done, n)
SELECT a.area, b.type, b.due_on, b.done_on IS NULL AND b.closed_on IS NULL, b.done_on IS NOT NULL, count(*)
FROM obligation b JOIN org o ON o.id = b.org_id CROSS JOIN LATERAL unnest(entry_areas(o.path)) AS a(area)
WHERE b.active GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- 4. The 摘要 grams' backfill (0027) now runs in the background after the start; an empty ledger has nothing to fill.
INSERT INTO setting (key, value) SELECT 'entry.summaryGrams.backfilled', 'true'::jsonb WHERE NOT EXISTS (SELECT 1 FROM entry)
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
-- 5. The audit chain's head under its lock in one round trip (repositories/audit.repository.ts): the lock, then the
--    last row read with a snapshot taken after it (each statement of a VOLATILE function takes its own), so a
--    writer that waited sees the row of the one before it. One round trip less while the lock is held.
CREATE FUNCTION audit_chain_head(lock_key bigint) RETURNS TABLE (seq bigint, hash bytea) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  RETURN QUERY SELECT a.seq, a.hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
END $$;
