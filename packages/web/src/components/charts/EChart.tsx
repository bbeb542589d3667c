/**
 * A small React wrapper of ECharts. Only the chart types and components used here are registered (from
 * 'echarts/core'), so the chunk stays small; pages that import it are lazy route chunks, so the login page
 * never loads ECharts. SVG rendering: crisp text, and every bar is an element a test can click.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent, GridComponent, LegendComponent, TooltipComponent,
  type AriaComponentOption, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

/** What was clicked: a data item of a series (a bar, a point). */
export interface ChartClick {
  seriesName: string;
  seriesIndex: number;
  dataIndex: number;
  /** The category (axis label) of the item. */
  name: string;
}

interface Props {
  option: ChartOption;
  height?: number;
  onClick?: (e: ChartClick) => void;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** The page's system font stack (nothing is downloaded), for the chart's text too. */
const FONT = getComputedStyle(document.body).fontFamily || 'sans-serif';

export function EChart({ option, height = 300, onClick, style, 'data-testid': testId }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);

  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const c = init(el.current!, undefined, { renderer: 'svg', locale: 'ZH' });
    chart.current = c;
    c.on('click', (p) => {
      if (p.componentType !== 'series') return;
      click.current?.({ seriesName: p.seriesName ?? '', seriesIndex: p.seriesIndex ?? 0, dataIndex: p.dataIndex, name: p.name });
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el.current!);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: FONT }, aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={el} data-testid={testId} style={{ width: '100%', height, ...style }} />;
}
