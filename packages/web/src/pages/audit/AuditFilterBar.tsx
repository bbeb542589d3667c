/** Filters of the audit log: time range, login name, action, object type, result. */
import { AUDIT_ACTIONS } from '@jiandu/domain';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { AuditParams } from '../../api/endpoints';
import { OBJECT_TYPES, RESULTS } from './audit-labels';
import { SearchSelect } from '../../components/SearchSelect';

interface Values {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: AuditFilters['result'];
}

export type AuditFilters = Omit<AuditParams, 'cursor' | 'limit'>;

export function AuditFilterBar({ onChange }: { onChange: (f: AuditFilters) => void }) {
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) => onChange({
    from: v.range?.[0]?.toISOString(),
    to: v.range?.[1]?.toISOString(),
    actor: v.actor?.trim() || undefined,
    action: v.action,
    objectType: v.objectType,
    objectId: v.objectId?.trim() || undefined,
    result: v.result,
  });

  return (
    <Form<Values> form={form} layout="inline" onFinish={submit} style={{ rowGap: 12, marginBottom: 16 }}>
      <Form.Item name="range" label="时间">
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item name="actor" label="登录名">
        <Input allowClear style={{ width: 130 }} />
      </Form.Item>
      <Form.Item name="action" label="操作">
        <SearchSelect allowClear style={{ width: 170 }}
          options={Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="objectType" label="对象类型">
        <Select allowClear style={{ width: 110 }} options={Object.entries(OBJECT_TYPES).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="objectId" label="对象编号">
        <Input allowClear style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="result" label="结果">
        <Select allowClear style={{ width: 90 }} options={Object.entries(RESULTS).map(([value, r]) => ({ value, label: r.label }))} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">查询</Button>
      </Form.Item>
      <Form.Item>
        <Button onClick={() => { form.resetFields(); onChange({}); }}>重置</Button>
      </Form.Item>
    </Form>
  );
}
