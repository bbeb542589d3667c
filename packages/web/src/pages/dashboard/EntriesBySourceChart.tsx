/** 台账记录按来源单位（近12个月）: stacked bars by month; a bar opens the ledger for that department and month. */
import type { DashboardView } from '@jiandu/domain';
import { Empty } from 'antd';
import { useMemo } from 'react';
import { PALETTE, StackedBars } from '../../components/charts/StackedBars';

type Cell = DashboardView['entriesBySource'][number];

interface Props {
  cells: Cell[];
  /** The day the figures are for: the 12 months end with its month. */
  asOf: string;
  onPick: (sourceDept: string, month: string) => void;
}

/** The 12 months ending with asOf's month, as YYYY-MM. */
export function last12Months(asOf: string): string[] {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const t = y * 12 + (m - 1) - (11 - i);
    return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  });
}

const monthLabel = (ym: string) => `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`;

export function EntriesBySourceChart({ cells, asOf, onPick }: Props) {
  const sig = JSON.stringify(cells);
  const { months, depts, series } = useMemo(() => {
    const all = JSON.parse(sig) as Cell[];
    const ms = last12Months(asOf);
    // Departments with the most entries first (the legend's order and the stack's).
    const totals = new Map<string, { name: string; total: number }>();
    for (const c of all) {
      const t = totals.get(c.sourceDept) ?? { name: c.deptName, total: 0 };
      t.total += c.count;
      totals.set(c.sourceDept, t);
    }
    const ds = [...totals].sort((a, b) => b[1].total - a[1].total).map(([code, t]) => ({ code, name: t.name }));
    const count = new Map(all.map((c) => [`${c.sourceDept}|${c.month}`, c.count]));
    const ss = ds.map((d, i) => ({
      name: d.name,
      color: PALETTE[i % PALETTE.length]!,
      data: ms.map((m) => count.get(`${d.code}|${m}`) ?? 0),
    }));
    return { months: ms, depts: ds, series: ss };
  }, [sig, asOf]);

  if (depts.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="近12个月没有台账记录" />;
  return (
    <StackedBars
      data-testid="chart-entries-by-source"
      vertical
      categories={months.map(monthLabel)}
      series={series}
      height={280}
      onPick={(seriesIndex, categoryIndex) => {
        const d = depts[seriesIndex];
        const m = months[categoryIndex];
        if (d && m) onPick(d.code, m);
      }}
    />
  );
}
