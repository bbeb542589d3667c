/** Filters of a ledger: a keyword (姓名、文号、摘要), kind, source department, year, a month from the 工作台 (the status is a segmented control of the page). */
import { Button, Input, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { SearchSelect } from '../../components/SearchSelect';
import { useDebounced } from '../../lib/use-debounced';
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
  const any = !!(filters.kind || filters.sourceDept || filters.year || filters.month || filters.orgId || filters.q);
  const kind = kinds.data?.find((k) => k.code === filters.kind);
  const deptOptions = (depts.data ?? [])
    .filter((d) => !kind || kind.departments.includes(d.code))
    .map((d) => ({ value: d.code, label: d.name }));

  return (
    <Space wrap size={[12, 12]}>
      <KeywordBox size={size} value={filters.q} onChange={(q) => set({ q })} />
      <SearchSelect
        id="ledger-kind"
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
        <SearchSelect
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
      <SearchSelect
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

/** The keyword box: applied when typing pauses (0.4 s) or on Enter; follows the filters when they change elsewhere (清除筛选). */
function KeywordBox({ value, onChange, size }: { value?: string; onChange: (q: string | undefined) => void; size: 'small' | 'middle' }) {
  const [text, setText] = useState(value ?? '');
  const typed = useDebounced(text.trim(), 400);
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if ((typed || undefined) !== value) onChange(typed || undefined);
    // Only a pause in typing applies the keyword.
  }, [typed]);
  return (
    <Input.Search
      id="ledger-keyword"
      allowClear
      size={size}
      style={{ width: 220 }}
      placeholder="姓名、文号或摘要关键词"
      maxLength={50}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => onChange(v.trim() || undefined)}
    />
  );
}
