/** Filters of the 预警 list: colour, rule, area (an org and its subtree), status, and which warnings to show. */
import { WARNING_STATUS, WARNING_STATUS_NAMES } from '@jiandu/domain';
import { Button, Segmented, Select, Space, Tag } from 'antd';
import { OrgSelect } from '../../components/OrgSelect';
import { COLOUR_LABELS, COLOUR_ORDER, VIEW_OPTIONS, useRuleCatalog, type WarningViewMode } from './labels';
import type { WarningFilters } from './use-warning-filters';

interface Props {
  filters: WarningFilters;
  onChange: (f: WarningFilters) => void;
}

export function WarningFilterBar({ filters, onChange }: Props) {
  const catalog = useRuleCatalog();
  const set = (patch: Partial<WarningFilters>) => onChange({ ...filters, ...patch });
  const any = !!(filters.colour || filters.rule || filters.orgId || filters.status || filters.cadreId || filters.teamId);

  return (
    <Space wrap size={[12, 12]}>
      <Segmented<WarningViewMode>
        value={filters.view ?? 'open'}
        options={VIEW_OPTIONS.map((o) => ({ value: o.value, label: o.label }))}
        onChange={(view) => set({ view })}
      />
      <Select
        allowClear
        id="warning-colour"
        style={{ width: 120 }}
        placeholder="全部颜色"
        value={filters.colour}
        options={COLOUR_ORDER.map((c) => ({ value: c, label: COLOUR_LABELS[c] }))}
        onChange={(v?: WarningFilters['colour']) => set({ colour: v })}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        id="warning-rule"
        style={{ width: 160 }}
        placeholder="全部规则"
        value={filters.rule}
        loading={catalog.isPending}
        options={(catalog.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
        onChange={(v?: string) => set({ rule: v })}
      />
      <OrgSelect style={{ width: 220 }} placeholder="全部区域（输入单位名称）" value={filters.orgId} onChange={(orgId) => set({ orgId })} />
      <Select
        allowClear
        id="warning-status"
        style={{ width: 110 }}
        placeholder="全部状态"
        value={filters.status}
        options={WARNING_STATUS.map((s) => ({ value: s, label: WARNING_STATUS_NAMES[s] }))}
        onChange={(v?: WarningFilters['status']) => set({ status: v })}
      />
      {filters.cadreId && <Tag closable onClose={() => set({ cadreId: undefined })} style={{ marginInlineEnd: 0 }}>指定干部</Tag>}
      {filters.teamId && <Tag closable onClose={() => set({ teamId: undefined })} style={{ marginInlineEnd: 0 }}>指定班子</Tag>}
      {any && <Button type="link" onClick={() => onChange({ view: filters.view })}>清除筛选</Button>}
    </Space>
  );
}
