/** Filters of a ledger: kind, source department, year, a month from the 工作台 (the status is a segmented control of the page). */
import { Button, Select, Space, Tag } from 'antd';
import { useDepartments, useEntryKinds } from '../../components/entry-form/use-ledger-meta';
import { formatMonth } from '../../lib/format';
import { yearOptions } from './labels';
import type { LedgerFilters } from './use-ledger-filters';

interface Props {
  filters: LedgerFilters;
  onChange: (f: LedgerFilters) => void;
  /** Member departments see only their own department: no source filter. */
  showSource?: boolean;
  size?: 'small' | 'middle';
}

export function LedgerFilterBar({ filters, onChange, showSource = true, size = 'middle' }: Props) {
  const kinds = useEntryKinds();
  const depts = useDepartments();
  const set = (patch: Partial<LedgerFilters>) => onChange({ ...filters, ...patch });
  const any = !!(filters.kind || filters.sourceDept || filters.year || filters.month || filters.orgId);
  const kind = kinds.data?.find((k) => k.code === filters.kind);
  const deptOptions = (depts.data ?? [])
    .filter((d) => !kind || kind.departments.includes(d.code))
    .map((d) => ({ value: d.code, label: d.name }));

  return (
    <Space wrap size={[12, 12]}>
      <Select
        allowClear
        size={size}
        style={{ width: 170 }}
        placeholder="全部类别"
        value={filters.kind}
        loading={kinds.isPending}
        options={(kinds.data ?? []).map((k) => ({ value: k.code, label: k.name }))}
        onChange={(v?: string) => set({ kind: v })}
      />
      {showSource && (
        <Select
          allowClear
          size={size}
          style={{ width: 140 }}
          placeholder="全部来源单位"
          value={filters.sourceDept}
          loading={depts.isPending}
          options={deptOptions}
          onChange={(v?: string) => set({ sourceDept: v })}
        />
      )}
      <Select
        allowClear
        size={size}
        style={{ width: 110 }}
        placeholder="全部年度"
        value={filters.year}
        options={yearOptions()}
        onChange={(v?: number) => set({ year: v })}
      />
      {filters.month && (
        <Tag closable color="blue" onClose={() => set({ month: undefined })} style={{ marginInlineEnd: 0 }}>发生于 {formatMonth(filters.month)}</Tag>
      )}
      {filters.orgId && (
        <Tag closable color="blue" onClose={() => set({ orgId: undefined })} style={{ marginInlineEnd: 0 }}>限定区域</Tag>
      )}
      {any && <Button type="link" size={size} onClick={() => onChange({ status: filters.status })}>清除筛选</Button>}
    </Space>
  );
}
