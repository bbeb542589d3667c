/**
 * 研判结论 of the joint meeting (settings:rules to change): name, whether it asks for action (then it raises a
 * 督办事项), the default responsible department and deadline, and the ledger kinds (with 方式) whose record
 * fulfils it. Saved as a whole on its own.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ConclusionKindView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, InputNumber, Select, Space, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { entriesApi, meetingsApi } from '../../api/endpoints';
import { ledgerKeys } from '../../api/queries/ledger';
import { meetingKeys } from '../../api/queries/meetings';
import { SearchSelect } from '../../components/SearchSelect';
import { useConclusionKinds, useDepartments } from '../meetings/labels';

type Row = ConclusionKindView & { key: string; isNew?: boolean };

export function ConclusionKindsPanel({ canEdit }: { canEdit: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const kinds = useConclusionKinds();
  const depts = useDepartments();
  const entryKinds = useQuery({ queryKey: ledgerKeys.kinds, queryFn: entriesApi.kinds, staleTime: Infinity });
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    if (kinds.data) setRows(kinds.data.map((k) => ({ ...k, key: k.code })));
  }, [kinds.data]);
  const set = (key: string, patch: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const save = useMutation({
    mutationFn: () => meetingsApi.saveConclusionKinds(rows.map(({ key: _k, isNew: _n, ...k }) => ({
      ...k, name: k.name.trim(), department: k.action ? k.department || undefined : undefined, days: k.action ? k.days ?? undefined : undefined,
      forms: k.forms?.length ? k.forms : undefined,
    }))),
    onSuccess: async (next) => {
      qc.setQueryData(meetingKeys.conclusionKinds, next);
      await qc.invalidateQueries({ queryKey: meetingKeys.conclusionKinds });
      void message.success('研判结论已保存');
    },
  });
  const kindOptions = (entryKinds.data ?? []).map((k) => ({ value: k.code, label: k.name }));

  return (
    <>
      <Typography.Paragraph type="secondary">
        联席会议会商研判时可选的结论。“需督办”的结论生成督办事项，交责任单位在期限内办理；责任单位报送的对应类别台账记录（如函询、诫勉）可作为办理依据。
      </Typography.Paragraph>
      {(kinds.error ?? save.error) && <Alert type="error" showIcon title={errorMessage(kinds.error ?? save.error)} style={{ marginBottom: 12 }} />}
      <Table<Row>
        rowKey="key" size="small" pagination={false} loading={kinds.isPending} dataSource={rows}
        columns={[
          {
            title: '编码', dataIndex: 'code', width: 120,
            render: (v: string, r) => (canEdit && r.isNew ? <Input value={v} placeholder="小写字母" maxLength={20} onChange={(e) => set(r.key, { code: e.target.value.trim() })} /> : <Typography.Text code>{v}</Typography.Text>),
          },
          { title: '名称', dataIndex: 'name', width: 130, render: (v: string, r) => (canEdit ? <Input value={v} maxLength={20} onChange={(e) => set(r.key, { name: e.target.value })} /> : v) },
          { title: '需督办', dataIndex: 'action', width: 80, render: (v: boolean, r) => <Switch size="small" checked={v} disabled={!canEdit} onChange={(action) => set(r.key, { action })} /> },
          {
            title: '默认责任单位', dataIndex: 'department', width: 150,
            render: (v: string | undefined, r) => (canEdit
              ? <SearchSelect<string> allowClear disabled={!r.action} style={{ width: '100%' }} value={v} options={depts.options} onChange={(department) => set(r.key, { department })} />
              : r.action ? depts.name(v) : '—'),
          },
          {
            title: '默认期限（天）', dataIndex: 'days', width: 120,
            render: (v: number | undefined, r) => (canEdit
              ? <InputNumber min={1} max={365} disabled={!r.action} value={v} onChange={(days) => set(r.key, { days: days ?? undefined })} style={{ width: '100%' }} />
              : r.action ? v ?? '—' : '—'),
          },
          {
            title: '可作为办理依据的台账类别', dataIndex: 'kinds',
            render: (v: string[], r) => (canEdit
              ? <Select mode="multiple" style={{ width: '100%' }} value={v} options={kindOptions} onChange={(k: string[]) => set(r.key, { kinds: k })} placeholder="无" showSearch={{ optionFilterProp: 'label' }} />
              : v.map((k) => kindOptions.find((o) => o.value === k)?.label ?? k).join('、') || '—'),
          },
          {
            title: '方式', dataIndex: 'forms', width: 180,
            render: (v: string[] | undefined, r) => (canEdit
              ? <Select mode="tags" style={{ width: '100%' }} value={v ?? []} onChange={(forms: string[]) => set(r.key, { forms })} open={false} placeholder="不限" />
              : (v ?? []).join('、') || '不限'),
          },
          ...(canEdit ? [{
            title: '', key: 'del', width: 50,
            render: (_: unknown, r: Row) => <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除" onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))} />,
          }] : []),
        ]}
      />
      {canEdit && (
        <Space style={{ marginTop: 16 }}>
          <Button icon={<PlusOutlined />} onClick={() => setRows((all) => [...all, { key: `new-${Date.now()}`, isNew: true, code: '', name: '', action: false, kinds: [] }])}>新增结论</Button>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="conclusion-kinds-save">保存研判结论</Button>
        </Space>
      )}
    </>
  );
}
