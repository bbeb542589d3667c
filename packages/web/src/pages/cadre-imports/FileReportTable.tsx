/**
 * 逐个文件的报告: 文件, 姓名, 匹配方式, 结果, 差异 / 警告 / 错误 counts; a row expands into the file's
 * field-by-field difference (栏目 | 原值 | 新值) and its errors and warnings in Chinese. Filter by 结果.
 */
import { PLACEMENT_HOW_NAMES, type CadreImportFileReport } from '@jiandu/domain';
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { CadreDiffTable } from '../../components/CadreDiffTable';
import { MatchText, OUTCOME_FILTERS, OutcomeTag } from '../../components/CadreImportTags';

type Report = CadreImportFileReport;

/** “出生年月：…” — the field is named unless the message already starts with it, or it is the whole file. */
function issueText(i: Report['errors'][number]): React.ReactNode {
  if (!i.field || i.field === '文件' || i.message.startsWith(i.field)) return i.message;
  return <><Typography.Text strong>{i.field}：</Typography.Text>{i.message}</>;
}

function Issues({ title, type, items }: { title: string; type: 'error' | 'warning'; items: Report['errors'] }) {
  if (items.length === 0) return null;
  if (items.length === 1) return <Alert type={type} showIcon title={<>{title}：{issueText(items[0]!)}</>} />;
  return (
    <Alert
      type={type}
      showIcon
      title={title}
      description={(
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {/* The same message may repeat: the position is the key (the list never reorders). */}
          {items.map((i, k) => <li key={k}>{issueText(i)}</li>)}
        </ul>
      )}
    />
  );
}

export function FileDetails({ f }: { f: Report }) {
  // A file in error that would have made a new cadre (e.g. no unit chosen): what it holds, as for a new one.
  const asNew = f.status === 'create' || (f.status === 'error' && !f.cadre.id);
  const caption = f.status === 'create' ? '将新建的干部信息' : asNew ? '文件中的干部信息（改正错误后可导入）' : '与系统中信息的差异';
  return (
    <Flex vertical gap={12} style={{ padding: '4px 0' }}>
      <Issues title={f.written === false && f.status === 'error' ? '未导入' : '错误（此文件不导入）'} type="error" items={f.errors} />
      <Issues title="警告（不影响导入，请核对）" type="warning" items={f.warnings} />
      {(f.diff.length > 0 || f.status === 'update') && (
        <div>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>{caption}</Typography.Text>
          <CadreDiffTable diff={f.diff} create={asNew} />
        </div>
      )}
    </Flex>
  );
}

function CountTag({ n, color, label }: { n: number; color: string; label: string }) {
  if (n === 0) return null;
  return <Tag color={color} variant="outlined" style={{ marginInlineEnd: 4 }}>{label} {n}</Tag>;
}

interface Props {
  report: Report[];
  /** After the commit: 结果 says what was written, names link to the profiles. */
  done: boolean;
}

export function FileReportTable({ report, done }: Props) {
  const expandable = (f: Report) => f.diff.length > 0 || f.errors.length > 0 || f.warnings.length > 0;
  return (
    <Table<Report>
      size="middle"
      rowKey="file"
      dataSource={report}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个文件` }}
      locale={{ emptyText: '没有任免审批表文件' }}
      expandable={{
        rowExpandable: expandable,
        expandedRowRender: (f) => <FileDetails f={f} />,
        expandRowByClick: true,
        // One file: show its details at once.
        defaultExpandedRowKeys: report.length === 1 && expandable(report[0]!) ? [report[0]!.file] : [],
      }}
      className="clickable-rows"
      columns={[
        { title: '文件', dataIndex: 'file', ellipsis: true, render: (f: string) => <span title={f}>{f}</span> },
        {
          title: '姓名', key: 'name', width: 120,
          render: (_: unknown, f) => {
            if (!f.cadre.name) return <Typography.Text type="secondary">—</Typography.Text>;
            return f.cadre.id ? <Link to={`/cadres/${f.cadre.id}`} onClick={(e) => e.stopPropagation()}>{f.cadre.name}</Link> : f.cadre.name;
          },
        },
        { title: '匹配方式', key: 'match', width: 130, render: (_: unknown, f) => <MatchText match={f.match} outcome={f.status} /> },
        {
          title: '新干部的单位（依据）', key: 'org', width: 200, ellipsis: true,
          render: (_: unknown, f) => (f.org
            ? <span>{f.org.name}<Typography.Text type="secondary">（{PLACEMENT_HOW_NAMES[f.org.how]}）</Typography.Text></span>
            : <Typography.Text type="secondary">—</Typography.Text>),
        },
        {
          title: '结果', dataIndex: 'status', width: 100,
          filters: OUTCOME_FILTERS,
          onFilter: (v, f) => f.status === v,
          render: (_: unknown, f) => <OutcomeTag outcome={f.status} written={done ? !!f.written : undefined} />,
        },
        {
          title: '差异 / 警告 / 错误', key: 'counts', width: 220,
          render: (_: unknown, f) => (
            <>
              {f.status === 'update' && <CountTag n={f.diff.length} color="blue" label="差异" />}
              {f.status === 'create' && <CountTag n={f.diff.length} color="green" label="栏目" />}
              <CountTag n={f.warnings.length} color="orange" label="警告" />
              <CountTag n={f.errors.length} color="red" label="错误" />
              {f.diff.length + f.warnings.length + f.errors.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
            </>
          ),
        },
      ]}
    />
  );
}
