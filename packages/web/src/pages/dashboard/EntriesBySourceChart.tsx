/** 台账记录按来源单位（近12个月）: stacked bars by month; a bar opens the ledger for that department and month. */
import type { DashboardView } from '@jiandu/domain';
import { Empty } from 'antd';
import { useMemo } from 'react';
import { EChart, type ChartOption } from '../../components/charts/EChart';

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
  const { months, depts, option } = useMemo(() => {
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
    const o: ChartOption = {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { type: 'plain', top: 0, left: 0, itemWidth: 14, itemHeight: 10 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: ms.map(monthLabel), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: ds.map((d) => ({
        type: 'bar' as const,
        name: d.name,
        stack: 'total',
        barMaxWidth: 36,
        emphasis: { focus: 'series' as const },
        data: ms.map((m) => count.get(`${d.code}|${m}`) ?? 0),
      })),
    };
    return { months: ms, depts: ds, option: o };
  }, [sig, asOf]);

  if (depts.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="近12个月没有台账记录" />;
  return (
    <EChart
      data-testid="chart-entries-by-source"
      option={option}
      height={320}
      onClick={(e) => {
        const d = depts[e.seriesIndex];
        const m = months[e.dataIndex];
        if (d && m) onPick(d.code, m);
      }}
    />
  );
}
