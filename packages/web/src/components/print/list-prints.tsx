/** 打印 of the 台账, 预警 and 待办 lists: their columns on paper and their filters in words. */
import { ENTRY_STATUS_NAMES, OBLIGATION_NAMES, OBLIGATION_STATE_NAMES, WARNING_STATUS_NAMES } from '@jiandu/domain';
import { entriesApi, obligationsApi, warningsApi, type EntryListParams, type ObligationListParams, type WarningListParams } from '../../api/endpoints';
import { formatDate, formatDateTime } from '../../lib/format';
import { COLOUR_SHORT } from '../../pages/warnings/labels';
import { PrintListButton } from './PrintListButton';

type Filters = Record<string, unknown>;

const LABELS: Record<string, string> = {
  colour: '颜色', rule: '规则', orgId: '区域', cadreId: '干部', teamId: '领导班子', status: '状态', view: '范围', type: '类别',
  state: '状态', kind: '类别', sourceDept: '来源单位', year: '年度', month: '月份', dueWithinDays: '到期', batchId: '导入批次',
};
const VIEWS: Record<string, string> = { open: '待处理', active: '全部有效', all: '全部（含已失效）' };

function valueText(k: string, v: unknown): string {
  const s = String(v);
  if (k === 'colour') return COLOUR_SHORT[s as keyof typeof COLOUR_SHORT] ?? s;
  if (k === 'view') return VIEWS[s] ?? s;
  if (k === 'type') return OBLIGATION_NAMES[s as keyof typeof OBLIGATION_NAMES] ?? s;
  if (k === 'state') return OBLIGATION_STATE_NAMES[s as keyof typeof OBLIGATION_STATE_NAMES] ?? s;
  if (k === 'dueWithinDays') return `${s}天内`;
  if (/Id$/u.test(k)) return '已选定';
  return s;
}

/** The filters in words, for the sheet's head. */
export function filtersText(f: Filters, statusNames: Record<string, string> = {}): string {
  return Object.entries(f)
    .filter(([k, v]) => v !== undefined && v !== '' && k !== 'cursor' && k !== 'limit')
    .map(([k, v]) => `${LABELS[k] ?? k}：${k === 'status' ? statusNames[String(v)] ?? String(v) : valueText(k, v)}`)
    .join('；');
}

/** The filters as in the address bar (recorded with the print). */
const query = (f: Filters) => new URLSearchParams(Object.entries(f).filter(([k, v]) => v !== undefined && v !== '' && k !== 'cursor' && k !== 'limit').map(([k, v]) => [k, String(v)])).toString();

export function WarningsPrintButton({ filters }: { filters: Omit<WarningListParams, 'cursor' | 'limit'> }) {
  return (
    <PrintListButton
      page="warnings" title="预警" filters={query(filters)} filtersText={filtersText(filters, WARNING_STATUS_NAMES)}
      fetchPage={(cursor, limit) => warningsApi.list({ ...filters, cursor, limit })}
      rowKey={(w) => w.id}
      columns={[
        { title: '颜色', width: '6%', value: (w) => COLOUR_SHORT[w.colour] },
        { title: '规则', width: '11%', value: (w) => w.ruleName },
        { title: '对象', width: '14%', value: (w) => w.cadreName ?? w.teamName ?? '' },
        { title: '单位', width: '14%', value: (w) => w.orgName },
        { title: '说明', value: (w) => w.explanation },
        { title: '状态', width: '7%', value: (w) => `${WARNING_STATUS_NAMES[w.status]}${w.active ? '' : '（已失效）'}` },
        { title: '最近变化', width: '12%', value: (w) => formatDateTime(w.lastChangedAt) },
      ]}
    />
  );
}

export function ObligationsPrintButton({ filters }: { filters: Omit<ObligationListParams, 'cursor' | 'limit'> }) {
  return (
    <PrintListButton
      page="obligations" title="待办" filters={query(filters)} filtersText={filtersText(filters)}
      fetchPage={(cursor, limit) => obligationsApi.list({ ...filters, cursor, limit })}
      rowKey={(o) => o.id}
      columns={[
        { title: '类别', width: '9%', value: (o) => o.typeName },
        { title: '对象', width: '14%', value: (o) => o.cadreName ?? o.teamName ?? o.orgName },
        { title: '单位', width: '16%', value: (o) => o.orgName },
        { title: '事项', value: (o) => o.title },
        { title: '触发日期', width: '10%', value: (o) => formatDate(o.triggeredOn) },
        { title: '截止日期', width: '10%', value: (o) => formatDate(o.dueOn) },
        { title: '状态', width: '8%', value: (o) => `${OBLIGATION_STATE_NAMES[o.state]}${o.doneOn ? `（${formatDate(o.doneOn)}）` : ''}` },
      ]}
    />
  );
}

export function LedgerPrintButton({ filters }: { filters: Omit<EntryListParams, 'cursor' | 'limit'> }) {
  return (
    <PrintListButton
      page="ledger" title="管理监督台账" filters={query(filters)} filtersText={filtersText(filters, ENTRY_STATUS_NAMES)}
      fetchPage={(cursor, limit) => entriesApi.list('entries', { ...filters, cursor, limit })}
      rowKey={(e) => e.entryId}
      columns={[
        { title: '日期', width: '9%', value: (e) => formatDate(e.occurredOn) },
        { title: '类别', width: '10%', value: (e) => e.kindName },
        { title: '对象', width: '12%', value: (e) => e.cadreName ?? e.teamName ?? '' },
        { title: '来源', width: '9%', value: (e) => e.sourceDeptName },
        { title: '文号', width: '10%', value: (e) => e.refNo ?? '' },
        { title: '摘要', value: (e) => (e.redacted ? '（无权查看）' : e.summary) },
        { title: '影响期至', width: '9%', value: (e) => (e.impactUntil ? formatDate(e.impactUntil) : '') },
        { title: '状态', width: '7%', value: (e) => ENTRY_STATUS_NAMES[e.status] },
      ]}
    />
  );
}
