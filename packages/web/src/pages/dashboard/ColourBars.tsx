/** Warnings by a category (area, rule) as horizontal bars stacked 红/黄/蓝; a bar segment opens its warnings. */
import { Empty } from 'antd';
import { useMemo } from 'react';
import { StackedBars } from '../../components/charts/StackedBars';
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
  if (shown.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  return (
    <StackedBars
      data-testid={testId}
      vertical={vertical}
      categories={shown.map((r) => r.name)}
      series={COLOUR_ORDER.map((c) => ({ name: COLOUR_SHORT[c], color: COLOUR_HEX[c], data: shown.map((r) => r[c]) }))}
      height={vertical ? 300 : Math.max(100, shown.length * 30 + 24)}
      onPick={(seriesIndex, categoryIndex) => {
        const row = shown[categoryIndex];
        const colour = COLOUR_ORDER[seriesIndex];
        if (row && colour) onPick(row.key, colour);
      }}
    />
  );
}
