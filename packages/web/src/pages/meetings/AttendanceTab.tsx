/** 出席: per member department, present (with the persons) or absent (with the reason); saved together. */
import type { AttendanceRow, MeetingDetail } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Input, Radio, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { meetingsApi } from '../../api/endpoints';
import { meetingKeys } from '../../api/queries/meetings';
import { useCurrentUser } from '../../app/auth';
import { useDepartments } from './labels';

export function AttendanceTab({ d }: { d: MeetingDetail }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const depts = useDepartments();
  const m = d.meeting;
  const editable = me.can('meeting:write') && m.status !== 'planned' && m.status !== 'closed';
  const initial = (): AttendanceRow[] => {
    const saved = new Map((d.attendance ?? []).map((r) => [r.departmentCode, r]));
    const codes = [...new Set([...d.members.filter((x) => x.active).map((x) => x.departmentCode), ...saved.keys()])];
    return codes.map((code) => saved.get(code) ?? { departmentCode: code, persons: [], present: true, absenceReason: null });
  };
  const [rows, setRows] = useState<AttendanceRow[]>(initial);
  const set = (code: string, patch: Partial<AttendanceRow>) => setRows((all) => all.map((r) => (r.departmentCode === code ? { ...r, ...patch } : r)));
  const save = useMutation({
    mutationFn: () => meetingsApi.attendance(m.id, { rows: rows.map((r) => ({ ...r, absenceReason: r.present ? null : (r.absenceReason?.trim() || null) })) }),
    onSuccess: async (next) => {
      qc.setQueryData(meetingKeys.detail(m.id), next);
      await qc.invalidateQueries({ queryKey: meetingKeys.list });
      void message.success('出席情况已保存');
    },
  });
  const missingReason = rows.some((r) => !r.present && !r.absenceReason?.trim());

  return (
    <>
      {m.status === 'planned' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="会议召开后登记出席情况。" />}
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 16 }} />}
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {d.attendance ? `出席 ${d.attendance.filter((r) => r.present).length} 个单位，缺席 ${d.attendance.filter((r) => !r.present).length} 个` : '尚未登记出席情况'}
        </Typography.Text>
        {editable && <Button type="primary" loading={save.isPending} disabled={missingReason} onClick={() => save.mutate()} data-testid="attendance-save">保存出席情况</Button>}
      </Flex>
      <Table<AttendanceRow>
        rowKey="departmentCode" size="middle" dataSource={rows} pagination={false}
        columns={[
          { title: '成员单位', dataIndex: 'departmentCode', width: 160, render: (c: string) => depts.name(c) },
          {
            title: '出席', key: 'present', width: 170,
            render: (_: unknown, r) => (editable
              ? <Radio.Group value={r.present} onChange={(e) => set(r.departmentCode, { present: e.target.value as boolean })} options={[{ value: true, label: '出席' }, { value: false, label: '缺席' }]} />
              : r.present ? '出席' : <Typography.Text type="danger">缺席</Typography.Text>),
          },
          {
            title: '出席人员 / 缺席理由', key: 'who',
            render: (_: unknown, r) => {
              if (!editable) return r.present ? (r.persons.join('、') || '—') : (r.absenceReason ?? '—');
              return r.present ? (
                <Select
                  mode="tags" style={{ width: '100%' }} placeholder="输入姓名后回车，可填多人" value={r.persons} maxCount={20}
                  onChange={(persons: string[]) => set(r.departmentCode, { persons: persons.map((p) => p.trim()).filter(Boolean) })}
                  open={false} suffixIcon={null} tokenSeparators={[',', '，', '、', ' ']}
                />
              ) : (
                <Input
                  status={r.absenceReason?.trim() ? undefined : 'error'} placeholder="请填写缺席理由" maxLength={200} value={r.absenceReason ?? ''}
                  onChange={(e) => set(r.departmentCode, { absenceReason: e.target.value })}
                />
              );
            },
          },
        ]}
      />
    </>
  );
}
