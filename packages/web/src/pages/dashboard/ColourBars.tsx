/** Warnings by a category (area, rule) as horizontal bars stacked 红/黄/蓝; a bar segment opens its warnings. */
import { Empty } from 'antd';
import { useMemo } from 'react';
import { EChart, type ChartOption } from '../../components/charts/EChart';
import { COLOUR_HEX, COLOUR_ORDER, COLOUR_SHORT, type Colour } from '../warnings/labels';

export interface ColourRow {
  key: string;
  name: string;
  red: number;
  yellow: number;
  blue: number;
}

interface Props {
  rows: ColourRow[];
  onPick: (key: string, colour: Colour) => void;
  emptyText: string;
  testId: string;
  /** Horizontal bars (names on the left, for a few long names) or columns (many areas side by side). */
  vertical?: boolean;
}

export function ColourBars({ rows, onPick, emptyText, testId, vertical = false }: Props) {
  // The rows are rebuilt on every render of the page: compare them by content, so the chart is redrawn only on a change.
  const sig = JSON.stringify(rows);
  const shown = useMemo(() => (JSON.parse(sig) as ColourRow[]).filter((r) => r.red + r.yellow + r.blue > 0), [sig]);
  const option = useMemo<ChartOption>(() => {
    const names = { type: 'category' as const, data: shown.map((r) => r.name) };
    const counts = { type: 'value' as const, minInterval: 1 };
    return {
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: vertical ? { ...names, axisLabel: { interval: 0, rotate: shown.length > 8 ? 40 : 0, width: 110, overflow: 'truncate' } } : counts,
      yAxis: vertical ? counts : { ...names, inverse: true, axisLabel: { width: 130, overflow: 'truncate' } },
      series: COLOUR_ORDER.map((c) => ({
        type: 'bar' as const,
        name: COLOUR_SHORT[c],
        stack: 'total',
        barMaxWidth: vertical ? 32 : 22,
        itemStyle: { color: COLOUR_HEX[c] },
        emphasis: { focus: 'series' as const },
        data: shown.map((r) => r[c]),
      })),
    };
  }, [shown, vertical]);
  if (shown.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  return (
    <EChart
      data-testid={testId}
      option={option}
      height={vertical ? 340 : Math.max(160, shown.length * 30 + 60)}
      onClick={(e) => {
        const row = shown[e.dataIndex];
        const colour = COLOUR_ORDER[e.seriesIndex];
        if (row && colour) onPick(row.key, colour);
      }}
    />
  );
}
