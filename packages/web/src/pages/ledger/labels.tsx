/** Tags and names of the ledger: status, kind, version, sensitivity, version actions. */
import { LockOutlined } from '@ant-design/icons';
import { ENTRY_STATUS_NAMES, SENSITIVE_PLACEHOLDER, type EntryKindCode, type EntryView } from '@jiandu/domain';
import { Tag, Typography } from 'antd';

export type EntryStatus = EntryView['status'];

const STATUS_COLORS: Record<EntryStatus, string> = { pending: 'processing', accepted: 'success', returned: 'warning', withdrawn: 'default' };

export function EntryStatusTag({ status }: { status: EntryStatus }) {
  return <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>{ENTRY_STATUS_NAMES[status]}</Tag>;
}

/** One colour per kind code (the type makes a new kind without a colour a compile error). */
const KIND_COLORS: Record<EntryKindCode, string> = {
  dflz: 'cyan', xcxc: 'purple', ndkh: 'blue', gbcc: 'geekblue', ybgpy: 'lime', jjzrsj: 'gold',
  ytjm: 'orange', xfjb: 'magenta', cfwz: 'red', sfjl: 'volcano', bzjl: 'green',
  txth: 'blue', sxdt: 'orange', jypx: 'cyan', dcyj: 'purple', szyd: 'geekblue', wcbb: 'gold', rcjc: 'green',
};

export function KindTag({ code, name }: { code: string; name: string }) {
  return <Tag color={KIND_COLORS[code as EntryKindCode] ?? 'default'} style={{ marginInlineEnd: 0 }}>{name}</Tag>;
}

export function VersionTag({ version }: { version: number }) {
  if (version <= 1) return null;
  return <Tag bordered={false} style={{ marginInlineEnd: 0 }} title="已更正过，点击查看版本历史">第{version}版</Tag>;
}

export function SensitivityTag({ level }: { level: string }) {
  if (level === '一般') return null;
  return <Tag color={level === '重要' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>{level}</Tag>;
}

/** The placeholder of a 敏感/重要 record the reader has no clearance for (the server sent no content). */
export function WithheldText() {
  return <Typography.Text type="secondary"><LockOutlined /> {SENSITIVE_PLACEHOLDER}</Typography.Text>;
}

export const ACTION_NAMES: Record<string, string> = { create: '新增', correct: '更正', withdraw: '撤销' };
export const DECISION_NAMES: Record<string, string> = { accepted: '采纳', returned: '退回' };

/** Years to filter by: this year back to 2000. */
export function yearOptions(): Array<{ value: number; label: string }> {
  const now = new Date().getFullYear();
  return Array.from({ length: now - 1999 }, (_, i) => ({ value: now - i, label: `${now - i}年` }));
}

/** 影响期至 is still running. */
export function impactActive(until: string | null): boolean {
  if (!until) return false;
  const today = new Date();
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return until >= iso;
}
