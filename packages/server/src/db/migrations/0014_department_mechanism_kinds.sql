-- The mechanisms of PRODUCT §4 write ledger entries too (谈心谈话, 思想波动, 教育培训, 调查研究, 三重一大决策,
-- 外出报备, 容错纠错): 组织部 submits all seven, 纪委监委 the 三重一大 decisions and 容错纠错. Kinds are appended
-- to what each department has now (an administrator's changes stay), each at most once.
UPDATE department SET kinds = kinds || ARRAY(
  SELECT u.k FROM unnest(ARRAY['txth','sxdt','jypx','dcyj','szyd','wcbb','rcjc']::text[]) WITH ORDINALITY AS u(k, n)
  WHERE u.k <> ALL(department.kinds) ORDER BY u.n)
WHERE code = 'zzb';
--> statement-breakpoint
UPDATE department SET kinds = kinds || ARRAY(
  SELECT u.k FROM unnest(ARRAY['szyd','rcjc']::text[]) WITH ORDINALITY AS u(k, n)
  WHERE u.k <> ALL(department.kinds) ORDER BY u.n)
WHERE code = 'jw';
