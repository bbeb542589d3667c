/** The rule catalog with an enable switch per rule; the value is the list of disabled rule codes (disabledRules). */
import type { RuleCatalogItem } from '@jiandu/domain';
import { ConfigProvider, Space, Switch, Table } from 'antd';
import { ColourTag } from '../warnings/labels';

interface Props {
  rules: RuleCatalogItem[];
  value?: string[];
  onChange?: (disabled: string[]) => void;
  disabled?: boolean;
}

export function RuleCatalogInput({ rules, value = [], onChange, disabled }: Props) {
  const off = new Set(value);
  return (
    <Table<RuleCatalogItem>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={rules}
      locale={{ emptyText: '没有规则' }}
      rowClassName={(r) => (off.has(r.code) ? 'tenure-ended' : '')}
      columns={[
        {
          title: '启用', key: 'enabled', width: 72,
          render: (_: unknown, r) => (
            <Switch
              size="small"
              aria-label={`启用规则：${r.name}`}
              checked={!off.has(r.code)}
              disabled={disabled}
              onChange={(on) => onChange?.(on ? value.filter((c) => c !== r.code) : [...value, r.code])}
            />
          ),
        },
        { title: '规则', dataIndex: 'name', width: 110 },
        { title: '对象', dataIndex: 'subject', width: 90 },
        { title: '触发条件', dataIndex: 'condition' },
        {
          title: '预警颜色', dataIndex: 'colours', width: 120,
          // The colours are information, not a control: not greyed out when the form is read-only.
          render: (cs: RuleCatalogItem['colours']) => (
            <ConfigProvider componentDisabled={false}><Space size={4}>{cs.map((c) => <ColourTag key={c} colour={c} />)}</Space></ConfigProvider>
          ),
        },
      ]}
    />
  );
}
