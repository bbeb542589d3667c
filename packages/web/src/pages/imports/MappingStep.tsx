/**
 * 核对表头: each column of the file and the field it feeds (recognised by the server, changeable here),
 * the required fields still without a column, the headers that could mean two fields (asked, never
 * guessed: the check cannot start until each is chosen or ignored), and the first rows as they are in the file.
 * 开始检查 sends only the columns the user changed.
 */
import { CaretRightOutlined } from '@ant-design/icons';
import { columnLetter, type HeaderOverrides, type ImportBatchView } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Flex, Radio, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { importsApi, type ImportPreview } from '../../api/endpoints';
import { cellText, MatchTag } from './labels';
import { SampleRows } from './SampleRows';
import { storeBatch, type ImportField } from './use-import';
import { SearchSelect } from '../../components/SearchSelect';

const IGNORE = '__ignore__';
const SUBJECT_KEYS = ['name', 'idNumber', 'orgName'];

interface Props {
  batch: ImportBatchView;
  preview: ImportPreview | null;
  fields: ImportField[];
  extra?: React.ReactNode;
  /** The check has started (the batch is now 'checking'). */
  onStarted?: () => void;
}

export function MappingStep({ batch, preview, fields, extra, onStarted }: Props) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const columns = useMemo(() => batch.mapping?.columns ?? [], [batch.mapping]);
  const initial = useMemo(() => new Map(columns.map((c) => [c.index, c.key])), [columns]);
  const [choice, setChoice] = useState<Map<number, string | null>>(initial);
  const [strict, setStrict] = useState(batch.strict);
  // Headers that could mean two fields: asked about, never guessed (the check waits until each is decided).
  const [decided, setDecided] = useState<Set<number>>(new Set());
  const ambiguous = columns.filter((c) => c.candidates?.length);
  const undecided = ambiguous.filter((c) => !decided.has(c.index));
  const labelOf = new Map(fields.map((f) => [f.key, f.label]));

  const chosen = new Set([...choice.values()].filter((k): k is string => k !== null));
  const missing = fields.filter((f) => f.required && !chosen.has(f.key));
  const noSubject = !SUBJECT_KEYS.some((k) => chosen.has(k));
  const ignored = columns.filter((c) => !choice.get(c.index));
  const changed = columns.filter((c) => (choice.get(c.index) ?? null) !== (initial.get(c.index) ?? null) || decided.has(c.index));

  const pick = (index: number, value: string) => {
    const key = value === IGNORE ? null : value;
    const next = new Map(choice);
    if (key !== null) {
      for (const [i, k] of next) {
        if (k === key && i !== index) {
          next.set(i, null);
          const other = columns.find((c) => c.index === i);
          message.info(`“${other?.header ?? ''}”列原来对应“${labelOf.get(key) ?? key}”，已改为忽略`);
        }
      }
    }
    next.set(index, key);
    setChoice(next);
    setDecided(new Set(decided).add(index));
  };

  const check = useMutation({
    mutationFn: () => {
      const overrides: HeaderOverrides = {};
      for (const c of changed) overrides[c.header] = choice.get(c.index) ?? null;
      return importsApi.check(batch.id, { ...(changed.length ? { overrides } : {}), strict });
    },
    onSuccess: (b) => {
      storeBatch(qc, b);
      onStarted?.();
    },
  });

  const firstValue = (index: number) => preview?.sampleRows.map((r) => cellText(r.cells[index])).find((v) => v !== '') ?? '';
  const where = batch.mapping
    ? (batch.mapping.headerRows === 2 ? `表头在第 ${batch.mapping.headerRow}–${batch.mapping.headerRow + 1} 行（两行表头，上下两行以“·”连接）` : `表头在第 ${batch.mapping.headerRow} 行`)
    : '';

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>
        {preview?.title && <>识别到表格标题：<Typography.Text strong>{preview.title}</Typography.Text>。</>}
        {where}，共 {columns.length} 列。请核对每一列对应的字段，不需要的列选“忽略此列”。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="index"
        pagination={false}
        dataSource={columns}
        columns={[
          { title: '列', dataIndex: 'index', width: 56, render: (i: number) => <Typography.Text type="secondary">{columnLetter(i + 1)}</Typography.Text> },
          { title: '文件中的列标题', dataIndex: 'header', width: 240, render: (h: string) => <Typography.Text strong>{h}</Typography.Text> },
          {
            title: '对应字段', key: 'key', width: 300,
            render: (_: unknown, c) => {
              const key = choice.get(c.index) ?? null;
              return (
                <SearchSelect
                  style={{ width: '100%' }}
                  size="small"
                  showSearch
                  value={key ?? IGNORE}
                  onChange={(v: string) => pick(c.index, v)}
                  options={[
                    { value: IGNORE, searchText: '忽略此列', label: <Typography.Text type="secondary">忽略此列</Typography.Text> },
                    ...fields.map((f) => {
                      const user = columns.find((o) => o.index !== c.index && choice.get(o.index) === f.key);
                      return {
                        value: f.key, searchText: f.label,
                        label: (
                          <Space size={4}>
                            {f.label}{f.required && <Typography.Text type="danger">*</Typography.Text>}
                            {user && <Typography.Text type="secondary" style={{ fontSize: 12 }}>（{columnLetter(user.index + 1)}列已用）</Typography.Text>}
                          </Space>
                        ),
                      };
                    }),
                  ]}
                />
              );
            },
          },
          {
            title: '识别方式', key: 'match', width: 90,
            render: (_: unknown, c) => {
              const key = choice.get(c.index) ?? null;
              if (c.candidates?.length && !decided.has(c.index)) return <Tag color="warning" style={{ marginInlineEnd: 0 }}>待选择</Tag>;
              if (key === null) return <Tag variant="filled" style={{ marginInlineEnd: 0 }}>不导入</Tag>;
              return <MatchTag match={key === initial.get(c.index) ? c.match : 'manual'} />;
            },
          },
          ...(preview ? [{ title: '示例值', key: 'sample', ellipsis: true, render: (_: unknown, c: { index: number }) => firstValue(c.index) }] : []),
        ]}
      />
      {ambiguous.length > 0 && (
        <Alert type={undecided.length ? 'warning' : 'success'} showIcon
          title={undecided.length ? `有 ${undecided.length} 列的表头可对应不同字段，请选择（选择之前不能开始检查）` : '表头有歧义的列已选择对应字段'}
          description={(
            <Flex vertical gap={6}>
              {ambiguous.map((c) => (
                <Space key={c.index} wrap>
                  <Typography.Text>{columnLetter(c.index + 1)}列“<Typography.Text strong>{c.header}</Typography.Text>”是指：</Typography.Text>
                  <Radio.Group
                    value={decided.has(c.index) ? (choice.get(c.index) ?? IGNORE) : undefined}
                    onChange={(e) => pick(c.index, e.target.value as string)}
                    options={[...(c.candidates ?? []).map((k) => ({ value: k, label: labelOf.get(k) ?? '…' })), { value: IGNORE, label: '忽略此列' }]}
                  />
                </Space>
              ))}
            </Flex>
          )} />
      )}
      {missing.length > 0 && (
        <Alert type="error" showIcon title={`缺少必填字段：${missing.map((f) => f.label).join('、')}`}
          description="请在上表中为这些字段指定文件中的列；文件中确实没有的，请在文件中补充这一列后重新上传。指定之前不能开始检查。" />
      )}
      {noSubject && (
        <Alert type="warning" showIcon title="没有对应“姓名”“身份证号”或“单位”的列"
          description="每条记录须能确定对象：干部按身份证号或姓名＋单位查找，班子按单位查找。请指定至少一列，否则所有行都将无法导入。" />
      )}
      {ignored.length > 0 && (
        <Typography.Text type="secondary">不导入的列：{ignored.map((c) => `${columnLetter(c.index + 1)}列“${c.header}”`).join('、')}</Typography.Text>
      )}
      {preview && preview.notes.length > 0 && <Alert type="info" showIcon title="识别说明" description={preview.notes.join('；')} />}
      {preview
        ? <SampleRows columns={columns} rows={preview.sampleRows.slice(0, 5)} choice={choice} labelOf={labelOf} />
        : <Typography.Text type="secondary">（刷新页面后不再显示文件的前几行；对应关系仍可修改。）</Typography.Text>}
      {check.error && <Alert type="error" showIcon title={errorMessage(check.error)} />}
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Checkbox checked={strict} onChange={(e) => setStrict(e.target.checked)}>严格模式：任何一行有问题，整个文件都不导入</Checkbox>
        <Space>
          {extra}
          <Button type="primary" icon={<CaretRightOutlined />} disabled={missing.length > 0 || undecided.length > 0 || fields.length === 0} loading={check.isPending}
            onClick={() => check.mutate()}>
            开始检查{changed.length > 0 ? `（已手工调整 ${changed.length} 列）` : ''}
          </Button>
        </Space>
      </Flex>
    </Flex>
  );
}
