/** Formatting shared by the exports: Beijing time, Chinese months, the watermark line. Pure. */

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** An instant as Beijing time: 2025-03-15 14:05:09. */
export function beijingTime(d: Date): string {
  const p = Object.fromEntries(BEIJING.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The Beijing calendar date of an instant, compact (20250315), for file names. */
export function beijingDateCompact(d: Date): string {
  return beijingTime(d).slice(0, 10).replace(/-/gu, '');
}

/** 'YYYY-MM' or 'YYYY-MM-DD' → 2025年3月; anything else unchanged; null → ''. */
export function chineseMonth(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})/u.exec(value);
  return m ? `${m[1]}年${Number(m[2])}月` : value;
}

export interface Exporter {
  /** Display name and login, e.g. 王敏（wangmin）. */
  who: string;
  at: Date;
}

/** Who exported it and when (DATA-04). */
export function exporterLine(e: Exporter): string {
  return `导出人：${e.who}\u3000导出时间：${beijingTime(e.at)}（北京时间）`;
}

/** The line every export carries: who exported it and when, and that it is internal. */
export function watermarkLine(e: Exporter): string {
  return `${exporterLine(e)}\u3000内部资料 注意保密`;
}

/** A detail value as text: lists joined with 、, booleans as 是/否. */
export function detailValueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (Array.isArray(v)) return v.map(detailValueText).filter(Boolean).join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Details as 标题：值 pairs in the kind's field order (titles from the kind's schema), unknown keys last. */
export function detailsText(details: Record<string, unknown>, titles: ReadonlyMap<string, string> | undefined): string {
  const keys = [...(titles?.keys() ?? [])].filter((k) => k in details);
  for (const k of Object.keys(details)) if (!keys.includes(k)) keys.push(k);
  return keys.map((k) => [titles?.get(k) ?? k, detailValueText(details[k])] as const)
    .filter(([, v]) => v !== '').map(([t, v]) => `${t}：${v}`).join('；');
}
