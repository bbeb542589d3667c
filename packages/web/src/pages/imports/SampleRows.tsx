/** The first rows of the file under its header, as they are in the file, with the field each column feeds. */
import { columnLetter, type SheetColumn } from '@jiandu/domain';
import { Table, Typography } from 'antd';
import { cellText } from './labels';

interface Props {
  columns: SheetColumn[];
  rows: Array<{ row: number; cells: unknown[] }>;
  choice: Map<number, string | null>;
  labelOf: Map<string, string>;
}

export function SampleRows({ columns, rows, choice, labelOf }: Props) {
  if (rows.length === 0) return <Typography.Text type="secondary">表头之下没有数据行。</Typography.Text>;
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 0 }}>文件的前 {rows.length} 行</Typography.Title>
      <Table
        size="small"
        bordered
        rowKey="row"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '行', dataIndex: 'row', width: 56, fixed: 'left', render: (r: number) => <Typography.Text type="secondary">{r}</Typography.Text> },
          ...columns.map((c) => {
            const key = choice.get(c.index) ?? null;
            return {
              key: String(c.index),
              title: (
                <div style={{ whiteSpace: 'nowrap' }}>
                  <div>{columnLetter(c.index + 1)} · {c.header}</div>
                  <Typography.Text type={key ? 'success' : 'secondary'} style={{ fontSize: 12, fontWeight: 'normal' }}>
                    {key ? `→ ${labelOf.get(key) ?? key}` : '不导入'}
                  </Typography.Text>
                </div>
              ),
              render: (_: unknown, r: { cells: unknown[] }) => (
                <span style={{ whiteSpace: 'nowrap', color: key ? undefined : 'rgba(0,0,0,0.35)' }}>{cellText(r.cells[c.index])}</span>
              ),
            };
          }),
        ]}
      />
    </div>
  );
}
