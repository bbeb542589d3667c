/**
 * The field-by-field difference of a cadre import (任免审批表 file or 干部名册 row) as the server gives it:
 * 栏目 | 原值 | 新值. Dates the form writes as 197803 read 1978年3月; 家庭成员 is `2人 → 3人` with who changed
 * (relation and name only); 照片 is 新增 / 更换. For a new cadre there is no 原值: one column of values.
 */
import type { CadreDiffItem } from '@jiandu/domain';
import { Descriptions, Space, Table, Tag, Typography } from 'antd';

/** Fields whose texts are months (YYYYMM) or days (YYYYMMDD) in the form, or YYYY-MM in the registry. */
const DATE_FIELDS = new Set([
  'ChuShengNianYue', 'RuDangShiJian', 'CanJiaGongZuoShiJian', 'DaoLingNianYue', 'JiSuanNianLingShiJian', 'TianBiaoShiJian',
  '任现职务时间', '任现职级时间', 'registry.birth', 'registry.partyDate', 'registry.workDate',
]);

/** 197803 → 1978年3月, 20250601 → 2025-06-01, 1978-03 → 1978年3月; anything else as written. */
export function diffValueText(field: string, value: string): string {
  if (!DATE_FIELDS.has(field)) return value;
  let m = /^(\d{4})-?(\d{2})$/u.exec(value);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}年${Number(m[2])}月`;
  m = /^(\d{4})(\d{2})(\d{2})$/u.exec(value);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  return value;
}

const MEMBER_CHANGE = {
  added: { label: '新增', color: 'green' },
  removed: { label: '删除', color: 'red' },
  changed: { label: '信息变更', color: 'blue' },
} as const;

function Value({ item, side }: { item: CadreDiffItem; side: 'before' | 'after' }) {
  const text = item[side];
  if (text === '') return <Typography.Text type="secondary">（空）</Typography.Text>;
  if (item.field === 'photo' && side === 'before' && text === '有') return <>有照片</>;
  return <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{diffValueText(item.field, text)}</span>;
}

function Members({ item }: { item: CadreDiffItem }) {
  if (!item.members?.length) return null;
  return (
    <Space size={[4, 4]} wrap style={{ marginTop: 6 }}>
      {item.members.map((m) => (
        <Tag key={`${m.change}-${m.relation}-${m.name}`} color={MEMBER_CHANGE[m.change].color} style={{ marginInlineEnd: 0 }}>
          {MEMBER_CHANGE[m.change].label}：{m.relation} {m.name}
        </Tag>
      ))}
    </Space>
  );
}

interface Props {
  diff: CadreDiffItem[];
  /** A new cadre: the values only. */
  create?: boolean;
}

/** Long texts (简历, 家庭成员 …) take a whole line of the two-column layout of a new cadre. */
const wide = (d: CadreDiffItem) => d.after.length > 24 || d.after.includes('\n') || !!d.members?.length;

function After({ d }: { d: CadreDiffItem }) {
  return (
    <>
      <Value item={d} side="after" />
      {d.members?.length ? <div><Members item={d} /></div> : null}
    </>
  );
}

/** Two columns; a wide item starts its own line (the short item before it then fills its line). */
function twoColumns(diff: CadreDiffItem[]) {
  const items: Array<{ key: string; label: string; span: number; children: React.ReactNode }> = [];
  let col = 0;
  for (const d of diff) {
    const w = wide(d);
    if (w && col === 1) items.at(-1)!.span = 2;
    items.push({ key: d.field, label: d.label, span: w ? 2 : 1, children: <After d={d} /> });
    col = w ? 0 : (col + 1) % 2;
  }
  if (col === 1) items.at(-1)!.span = 2;
  return items;
}

export function CadreDiffTable({ diff, create }: Props) {
  if (diff.length === 0) return <Typography.Text type="secondary">与系统中的信息相同，没有需要更新的栏目。</Typography.Text>;
  if (create) {
    return <Descriptions size="small" bordered column={2} styles={{ label: { width: 180 } }} items={twoColumns(diff)} />;
  }
  return (
    <Table<CadreDiffItem>
      size="small"
      bordered
      tableLayout="fixed"
      pagination={false}
      rowKey="field"
      dataSource={diff}
      columns={[
        { title: '栏目', dataIndex: 'label', width: 200, render: (l: string) => <Typography.Text strong>{l}</Typography.Text> },
        { title: '原值', key: 'before', render: (_: unknown, d: CadreDiffItem) => <Value item={d} side="before" /> },
        { title: '新值', key: 'after', render: (_: unknown, d: CadreDiffItem) => <After d={d} /> },
      ]}
    />
  );
}
