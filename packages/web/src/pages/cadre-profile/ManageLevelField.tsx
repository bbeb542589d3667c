/**
 * 管理权限 (中管/省管/市管/县管): follows the 职务层次 unless a supervisor of a level above the county
 * overrides it; the change needs a reason and is recorded in the audit log.
 */
import { MANAGE_LEVELS, type CadreDetail, type ManageLevel } from '@jiandu/domain';
import { Button, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { cadresApi } from '../../api/endpoints';
import { FormModal } from '../../components/FormModal';
import { useServerForm } from '../../lib/use-server-form';
import { useCadreChange } from './use-cadre-change';

const FOLLOW_RANK = '__rank__';

export function ManageLevelField({ cadre }: { cadre: CadreDetail }) {
  const [open, setOpen] = useState(false);
  return (
    <Space size={6}>
      <Tag color={cadre.manageLevel === '县管' ? 'default' : 'blue'}>{cadre.manageLevel}</Tag>
      <Typography.Text type="secondary">{cadre.manageLevelOverride ? '（已调整）' : '（按职务层次）'}</Typography.Text>
      {cadre.manageLevelEditable && <Button size="small" type="link" onClick={() => setOpen(true)}>调整</Button>}
      {open && <ManageLevelModal cadre={cadre} onClose={() => setOpen(false)} />}
    </Space>
  );
}

interface Values { level: ManageLevel | typeof FOLLOW_RANK; reason: string }

function ManageLevelModal({ cadre, onClose }: { cadre: CadreDetail; onClose: () => void }) {
  const { form, errorAlert, ...handlers } = useServerForm<Values>(['level', 'reason']);
  const save = useCadreChange(
    (v: Values) => cadresApi.setManageLevel(cadre.id, { level: v.level === FOLLOW_RANK ? null : v.level, reason: v.reason }),
    '管理权限已调整', onClose, handlers,
  );
  return (
    <FormModal title="调整管理权限" form={form} pending={save.isPending} errorAlert={errorAlert} onClose={onClose}
      intro={(
        <Typography.Paragraph type="secondary">
          管理权限决定哪一级组织部门管理该干部：区县组织部只能查看县管干部。调整及理由记入审计日志。
        </Typography.Paragraph>
      )}>
      <Form form={form} layout="vertical" initialValues={{ level: cadre.manageLevelOverride ?? FOLLOW_RANK, reason: '' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item label="管理权限" name="level" rules={[{ required: true }]}>
          <Select options={[{ value: FOLLOW_RANK, label: '按职务层次确定' }, ...MANAGE_LEVELS.map((l) => ({ value: l, label: l }))]} />
        </Form.Item>
        <Form.Item label="调整理由" name="reason" rules={[{ required: true, message: '请填写调整理由' }]}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
