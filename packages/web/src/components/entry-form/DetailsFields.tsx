/** The kind-specific fields of an entry, generated from the kind's JSON Schema: one renderer for every kind. */
import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Switch, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ReactNode } from 'react';
import { dateItemProps } from './date-item';
import type { FieldSpec } from './schema';
import { SearchSelect } from '../SearchSelect';

const selectOptions = (f: FieldSpec) => f.options.map((o) => ({ value: o, label: o }));
/** Up to this many choices of a list show as checkboxes, more as a multiple select. */
const CHECKBOX_MAX = 5;

/** The validator checks the value's type too: false and 0 are answers, not missing values. */
const VALUE_TYPES: Partial<Record<FieldSpec['type'], 'boolean' | 'number' | 'integer'>> = { boolean: 'boolean', number: 'number', integer: 'integer' };

function rulesOf(f: FieldSpec): Rule[] {
  const rules: Rule[] = [];
  const verb = ['enum', 'enumMulti', 'boolean', 'date'].includes(f.type) ? '请选择' : '请填写';
  if (f.required) {
    rules.push(f.type === 'enumMulti'
      ? { required: true, type: 'array', min: f.minItems ?? 1, message: `${verb}${f.title}` }
      : { required: true, type: VALUE_TYPES[f.type] ?? 'string', whitespace: f.type === 'text' || f.type === 'textarea', message: `${verb}${f.title}` });
  } else if (f.type === 'enumMulti' && f.minItems) {
    rules.push({ type: 'array', min: f.minItems, message: `${f.title}至少选择 ${f.minItems} 项` });
  }
  if (f.minLength && f.minLength > 1) rules.push({ min: f.minLength, message: `${f.title}至少 ${f.minLength} 个字` });
  if (f.pattern) {
    try {
      rules.push({ pattern: new RegExp(f.pattern, 'u'), message: `${f.title}格式不正确` });
    } catch {
      // A pattern the browser cannot compile is left to the server.
    }
  }
  return rules;
}

function control(f: FieldSpec): ReactNode {
  switch (f.type) {
    case 'enum':
      return <SearchSelect allowClear={!f.required} options={selectOptions(f)} placeholder="请选择" />;
    case 'enumMulti':
      return f.options.length <= CHECKBOX_MAX
        ? <Checkbox.Group options={selectOptions(f)} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} />
        : <SearchSelect mode="multiple" allowClear options={selectOptions(f)} placeholder="可多选" />;
    case 'boolean':
      return typeof f.default === 'boolean'
        ? <Switch checkedChildren="是" unCheckedChildren="否" />
        : <Radio.Group options={[{ value: true, label: '是' }, { value: false, label: '否' }]} />;
    case 'integer':
    case 'number':
      return <InputNumber style={{ width: '100%' }} min={f.min} max={f.max} precision={f.type === 'integer' ? 0 : undefined} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} />;
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={f.maxLength} showCount />;
    case 'text':
      return <Input maxLength={f.maxLength} />;
    default:
      return <Typography.Text type="secondary">此字段不能在表单中填写</Typography.Text>;
  }
}

function wide(f: FieldSpec): boolean {
  return f.type === 'textarea' || (f.type === 'enumMulti' && f.options.length <= CHECKBOX_MAX);
}

function hint(f: FieldSpec): string | undefined {
  // A lower bound of 0 alone goes without saying (the input refuses negatives anyway).
  const range = f.min !== undefined && f.max !== undefined ? `${f.min}～${f.max}`
    : f.min ? `不小于 ${f.min}` : f.max !== undefined ? `不大于 ${f.max}` : '';
  const parts = [f.description, (f.type === 'number' || f.type === 'integer') && range ? `取值 ${range}` : undefined].filter(Boolean);
  return parts.length ? parts.join('；') : undefined;
}

export function DetailsFields({ fields }: { fields: FieldSpec[] }) {
  if (fields.length === 0) return null;
  return (
    <Row gutter={16}>
      {fields.map((f) => (
        <Col key={f.name} span={wide(f) ? 24 : 12}>
          <Form.Item
            label={f.title}
            name={['details', f.name]}
            rules={rulesOf(f)}
            extra={hint(f)}
            {...(f.type === 'boolean' && typeof f.default === 'boolean' ? { valuePropName: 'checked' } : {})}
            {...(f.type === 'date' ? dateItemProps : {})}
          >
            {control(f)}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
