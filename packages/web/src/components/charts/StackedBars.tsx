/**
 * Stacked bars drawn as plain SVG (no chart library: the 工作台 is the first screen, and ECharts alone was ~170 KB
 * gzip of it). Bars run across (names on the left) or up (columns, names below); every segment is a `<path>`
 * that opens what it counts (click or Enter), with its figure in a native tooltip. The legend is HTML.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface BarSeries {
  name: string;
  color: string;
  /** One count per category. */
  data: number[];
}

interface Props {
  categories: string[];
  series: BarSeries[];
  /** Columns side by side (true) or bars across (false). */
  vertical?: boolean;
  height: number;
  onPick: (seriesIndex: number, categoryIndex: number) => void;
  'data-testid'?: string;
}

/** The palette for series without a colour of their own (the one ECharts used, so the 工作台 looks as before). */
export const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'];

const FONT_SIZE = 12;
const AXIS = '#6e7079';
const GRID = '#e0e6f1';

/** Round ticks 0 … ≥ max, whole numbers, about five of them. */
export function niceTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag);
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(t);
  return ticks;
}

/** About how wide a label is drawn (CJK ≈ one font size a character, latin about half). */
function textWidth(label: string): number {
  let w = 0;
  for (let i = 0; i < label.length; i++) w += label.charCodeAt(i) > 0xff ? FONT_SIZE : FONT_SIZE * 0.6;
  return w;
}

/** A label cut to fit `px` (with an ellipsis); the whole label is in the tooltip. */
function cut(label: string, px: number): string {
  if (textWidth(label) <= px) return label;
  let n = label.length;
  while (n > 1 && textWidth(label.slice(0, n)) + FONT_SIZE > px) n--;
  return `${label.slice(0, n)}…`;
}

export function StackedBars({ categories, series, vertical = false, height, onPick, 'data-testid': testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = box.current!;
    const resize = new ResizeObserver(() => setWidth(el.clientWidth));
    resize.observe(el);
    setWidth(el.clientWidth);
    return () => resize.disconnect();
  }, []);

  const totals = categories.map((_, i) => series.reduce((s, x) => s + (x.data[i] ?? 0), 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const top = ticks[ticks.length - 1]!;
  const rotate = vertical && categories.length > 8;
  // The plot area: room for the category labels on the left (bars) or below (columns), and for the tick labels.
  const left = vertical ? 8 + String(top).length * 7 + 8 : 16 + Math.max(...categories.map((c) => textWidth(cut(c, 130))));
  const bottom = vertical ? (rotate ? 80 : 28) : 24;
  const plot = { x: left, y: 8, w: Math.max(0, width - left - 16), h: Math.max(0, height - 8 - bottom) };
  const band = (vertical ? plot.w : plot.h) / Math.max(1, categories.length);
  const thick = Math.min(vertical ? 32 : 22, band * 0.6);
  const scale = (n: number) => (n / top) * (vertical ? plot.h : plot.w);

  const key = (e: KeyboardEvent, s: number, c: number) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPick(s, c);
    }
  };

  return (
    <div data-testid={testId}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', fontSize: FONT_SIZE, color: AXIS, marginBottom: 4 }}>
        {series.map((s) => (
          <span key={s.name} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
            <span style={{ width: 14, height: 10, borderRadius: 2, background: s.color, display: 'inline-block' }} />
            {s.name}
          </span>
        ))}
      </div>
      <div ref={box} style={{ width: '100%', height }}>
        {width > 0 && (
          <svg width={width} height={height} role="img" style={{ display: 'block', fontSize: FONT_SIZE }}>
            {ticks.map((t) => {
              const at = scale(t);
              return vertical ? (
                <g key={t}>
                  <line x1={plot.x} x2={plot.x + plot.w} y1={plot.y + plot.h - at} y2={plot.y + plot.h - at} stroke={GRID} />
                  <text x={plot.x - 6} y={plot.y + plot.h - at} dy="0.35em" textAnchor="end" fill={AXIS}>{t}</text>
                </g>
              ) : (
                <g key={t}>
                  <line x1={plot.x + at} x2={plot.x + at} y1={plot.y} y2={plot.y + plot.h} stroke={GRID} />
                  <text x={plot.x + at} y={plot.y + plot.h + 16} textAnchor="middle" fill={AXIS}>{t}</text>
                </g>
              );
            })}
            {categories.map((name, c) => {
              const mid = (vertical ? plot.x : plot.y) + band * c + band / 2;
              let from = 0;
              return (
                <g key={`${name}-${c}`}>
                  {vertical ? (
                    <text
                      x={mid}
                      y={plot.y + plot.h + 16}
                      fill={AXIS}
                      textAnchor={rotate ? 'end' : 'middle'}
                      transform={rotate ? `rotate(-40 ${mid} ${plot.y + plot.h + 12})` : undefined}
                    >
                      <title>{name}</title>
                      {cut(name, rotate ? 110 : band - 4)}
                    </text>
                  ) : (
                    <text x={plot.x - 8} y={mid} dy="0.35em" textAnchor="end" fill={AXIS}>
                      <title>{name}</title>
                      {cut(name, left - 16)}
                    </text>
                  )}
                  {series.map((s, si) => {
                    const n = s.data[c] ?? 0;
                    if (n <= 0) return null;
                    const a = scale(from);
                    const len = scale(n);
                    from += n;
                    const d = vertical
                      ? `M${mid - thick / 2} ${plot.y + plot.h - a - len}h${thick}v${len}h${-thick}Z`
                      : `M${plot.x + a} ${mid - thick / 2}h${len}v${thick}h${-len}Z`;
                    return (
                      <path
                        key={s.name}
                        d={d}
                        fill={s.color}
                        role="button"
                        tabIndex={0}
                        aria-label={`${name} ${s.name} ${n}`}
                        style={{ cursor: 'pointer' }}
                        onClick={() => onPick(si, c)}
                        onKeyDown={(e) => key(e, si, c)}
                      >
                        <title>{`${name}\n${s.name}：${n}（合计 ${totals[c]}）`}</title>
                      </path>
                    );
                  })}
                </g>
              );
            })}
            <line
              x1={plot.x}
              y1={plot.y + (vertical ? plot.h : 0)}
              x2={plot.x + (vertical ? plot.w : 0)}
              y2={plot.y + plot.h}
              stroke={AXIS}
            />
          </svg>
        )}
      </div>
    </div>
  );
}
