/** Dates as the product wants them: 2025-03-15, 2025年3月, 2025-03-15 14:05:09 (local time). */
import dayjs from 'dayjs';

/** 'YYYY-MM' or 'YYYY-MM-DD' → 2025年3月 */
export function formatMonth(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})/u.exec(value);
  if (!m) return value;
  return `${m[1]}年${Number(m[2])}月`;
}

/** 'YYYY-MM-DD' (or an ISO time) → 2025-03-15 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/u.test(value)) return value;
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}

/** An ISO instant → local 2025-03-15 14:05:09 */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : value;
}

/** 任职时间: 2021-03-15 至今 / 2021-03-15 至 2024-01-10 */
export function formatPeriod(start: string, end: string | null): string {
  return `${formatDate(start)} 至 ${end ? formatDate(end) : '今'}`;
}
