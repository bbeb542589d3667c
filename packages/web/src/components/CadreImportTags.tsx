/** How an imported cadre was matched and what the import does with it (任免审批表 files and 干部名册 rows). */
import type { CadreImportFileReport } from '@jiandu/domain';
import { Tag, Tooltip, Typography } from 'antd';

export type CadreMatch = CadreImportFileReport['match'];
export type CadreOutcome = CadreImportFileReport['status'];

const MATCHES: Record<CadreMatch, { label: string; hint: string }> = {
  id: { label: '身份证号', hint: '按身份证号找到系统中的干部' },
  name_birth: { label: '姓名+出生年月', hint: '没有身份证号，按姓名和出生年月找到系统中的干部，请核对是否为同一人' },
  none: { label: '新建', hint: '系统中没有这名干部，将新建' },
};

export function MatchText({ match, outcome }: { match: CadreMatch; outcome: CadreOutcome }) {
  // An unreadable file matched nobody: nothing to say.
  if (match === 'none' && outcome === 'error') return <Typography.Text type="secondary">—</Typography.Text>;
  const m = MATCHES[match];
  return (
    <Tooltip title={m.hint}>
      <Typography.Text type={match === 'name_birth' ? 'warning' : undefined}>{m.label}</Typography.Text>
    </Tooltip>
  );
}

const OUTCOMES: Record<CadreOutcome, { label: string; done: string; color: string }> = {
  create: { label: '新建', done: '已新建', color: 'green' },
  update: { label: '更新', done: '已更新', color: 'blue' },
  unchanged: { label: '无变化', done: '无变化', color: 'default' },
  error: { label: '错误', done: '未导入', color: 'red' },
};

export const OUTCOME_FILTERS = (Object.keys(OUTCOMES) as CadreOutcome[]).map((k) => ({ value: k, text: OUTCOMES[k].label }));

/** 新建 / 更新 / 无变化 / 错误; after the commit 已新建 / 已更新 / 未导入 (`written` false for a file that was to be written). */
export function OutcomeTag({ outcome, written }: { outcome: CadreOutcome; written?: boolean }) {
  const o = OUTCOMES[outcome];
  return <Tag color={o.color} style={{ marginInlineEnd: 0 }}>{written === undefined ? o.label : o.done}</Tag>;
}
