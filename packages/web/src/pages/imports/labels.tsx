/** Names and tags of the import wizard: batch status, how a column was matched, where a problem is. */
import { IMPORT_STATUS_NAMES, columnLetter, type ImportBatchView, type SheetMapping } from '@jiandu/domain';
import { Tag, Tooltip } from 'antd';

export type ImportStatus = ImportBatchView['status'];
export type MatchKind = NonNullable<SheetMapping['columns'][number]['match']>;

const STATUS_COLORS: Record<ImportStatus, string> = {
  uploaded: 'gold', queued: 'processing', checking: 'processing', checked: 'cyan', committing: 'processing', done: 'success',
  failed: 'error', interrupted: 'warning', cancelled: 'default', expired: 'default',
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  return <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>{IMPORT_STATUS_NAMES[status]}</Tag>;
}

/** Still to be finished by the user (继续), as opposed to done or cancelled. */
export function isOpen(status: ImportStatus): boolean {
  return status !== 'done' && status !== 'cancelled' && status !== 'expired';
}

/** Running in the background: poll. */
export function isRunning(status: ImportStatus): boolean {
  return status === 'queued' || status === 'checking' || status === 'committing';
}

const MATCHES: Record<MatchKind, { label: string; color: string; hint: string }> = {
  label: { label: '精确', color: 'green', hint: '列标题与字段名称相同' },
  synonym: { label: '同义词', color: 'blue', hint: '列标题是该字段的常用别名' },
  normalized: { label: '近似', color: 'orange', hint: '去掉空格、括号、单位等后与字段名称相同，请核对' },
  fuzzy: { label: '近似', color: 'orange', hint: '列标题与字段名称相近，请核对' },
  manual: { label: '手工', color: 'purple', hint: '手工指定' },
};

export function MatchTag({ match }: { match: MatchKind | null }) {
  if (!match) return null;
  const m = MATCHES[match];
  return (
    <Tooltip title={m.hint}>
      <Tag color={m.color} variant="outlined" style={{ marginInlineEnd: 0 }}>{m.label}</Tag>
    </Tooltip>
  );
}

/** “C列 · 身份证号码” when the header is one of the file's columns, else the header alone; '' → 整行. */
export function columnName(mapping: SheetMapping | null, header: string): string {
  if (header === '') return '整行';
  const col = mapping?.columns.find((c) => c.header === header);
  return col ? `${columnLetter(col.index + 1)}列 · ${header}` : `${header}（文件中没有此列）`;
}

/** 60,000 */
export const count = (n: number) => n.toLocaleString('zh-CN');

/** A cell of the sample rows as the file holds it. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
