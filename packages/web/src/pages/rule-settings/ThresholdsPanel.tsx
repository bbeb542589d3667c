/** The thresholds of the rules, grouped by rule, each with its unit (个月 / 天 / 年 / 万元 / 件 / %). */
import { Card, Col, DatePicker, Form, InputNumber, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { TagListInput } from './TagListInput';

interface NumberField {
  name: string[];
  label: string;
  unit: string;
  min: number;
  max?: number;
  step?: number;
  precision?: number;
  extra?: string;
}

interface Group {
  title: string;
  hint: string;
  fields: NumberField[];
}

const m = (name: string[], label: string, min = 0, max = 120, extra?: string): NumberField => ({ name, label, unit: '个月', min, max, extra });

const GROUPS: Group[] = [
  {
    title: '信访集中', hint: '一定期间内未查否的信访件数达到阈值为黄色，有属实的为红色。',
    fields: [m(['petition', 'windowMonths'], '统计期间', 1), { name: ['petition', 'threshold'], label: '件数达到', unit: '件', min: 1, max: 100 }],
  },
  { title: '个报不实', hint: '漏报为黄色、瞒报为红色，自查核之日起计入。', fields: [m(['personalReportMonths'], '查核结果计入期')] },
  {
    title: '审计问题', hint: '审计结论严重或问题金额达到阈值为红色，整改逾期为黄色。',
    fields: [
      { name: ['audit', 'amountThreshold'], label: '问题金额达到', unit: '万元', min: 0, max: 1_000_000, step: 10, precision: 2 },
      m(['audit', 'months'], '审计结果计入期'),
    ],
  },
  { title: '巡察整改', hint: '整改逾期为黄色；记录未写整改期限时按默认期限计算。', fields: [m(['rectificationDefaultMonths'], '默认整改期限', 1, 60)] },
  { title: '决策程序', hint: '“三重一大”未集体决策为红色，一把手未末位表态为黄色。', fields: [m(['decisionMonths'], '决策记录计入期')] },
  { title: '报备异常', hint: '外出报备晚于出发为黄色。', fields: [m(['travelMonths'], '报备记录计入期')] },
  {
    title: '多源印证', hint: '一定期间内不同来源单位的负面记录达到数量为红色。',
    fields: [{ name: ['multiSource', 'count'], label: '不同来源达到', unit: '个', min: 2, max: 20 }, m(['multiSource', 'months'], '统计期间', 1)],
  },
  { title: '任职过长', hint: '在同一职务任职达到年限为蓝色。', fields: [{ name: ['longTenureYears'], label: '同一职务任职满', unit: '年', min: 1, max: 50 }] },
  {
    title: '评议靠后', hint: '一报告两评议排名靠后为黄色，连续两年为红色。',
    fields: [{ name: ['reviewBottomPercent'], label: '排名位于后', unit: '%', min: 1, max: 100, step: 1, precision: 2, extra: '默认后三分之一（33.33%）' }],
  },
  {
    title: '义务与待办', hint: '逾期的待办先在待办中标红；逾期超过宽限天数仍未完成，才产生“义务逾期”黄色预警。临近到期只在待办和工作台提示。',
    fields: [
      { name: ['dueSoonDays'], label: '到期前提醒', unit: '天', min: 0, max: 365 },
      { name: ['overdueGraceDays'], label: '逾期宽限', unit: '天', min: 0, max: 365, extra: '逾期超过该天数才预警，默认30天' },
      { name: ['talkDueDays'], label: '谈心谈话期限', unit: '天', min: 1, max: 365, extra: '自触发之日起' },
      m(['jointMeetingMonths'], '联席会议周期', 1, 24, '6 个月即每半年一次'),
    ],
  },
  {
    title: '按年度记录的发生日期', hint: '年度综合考核、党风廉政建设考核等按年度导入而没有日期的记录，发生日期取该年度的这一天。',
    fields: [
      { name: ['yearEntryDate', 'month'], label: '月份', unit: '月', min: 1, max: 12 },
      { name: ['yearEntryDate', 'day'], label: '日期', unit: '日', min: 1, max: 31, extra: '默认每年12月31日' },
    ],
  },
];

function GroupCard({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Paragraph>
      {children}
    </Card>
  );
}

export function ThresholdsPanel() {
  return (
    <Row gutter={[16, 16]}>
      {GROUPS.map((g) => (
        <Col xs={24} md={12} xl={8} key={g.title}>
          <GroupCard title={g.title} hint={g.hint}>
            {g.fields.map((f) => (
              <Form.Item
                key={f.name.join('.')}
                name={f.name}
                label={f.label}
                extra={f.extra}
                rules={[{ required: true, message: `请填写${f.label}` }]}
              >
                <InputNumber
                  id={`settings-${f.name.join('-')}`}
                  min={f.min}
                  max={f.max}
                  step={f.step ?? 1}
                  precision={f.precision ?? 0}
                  suffix={f.unit}
                  style={{ width: 200 }}
                />
              </Form.Item>
            ))}
          </GroupCard>
        </Col>
      ))}
      <Col xs={24} md={12} xl={8}>
        <GroupCard title="待办起算" hint="此日期之前发生的事实不产生待办（平台启用日期）。">
          <Form.Item name="obligationsStartOn" label="待办起算日期" rules={[{ required: true, message: '请选择待办起算日期' }]}>
            <DatePicker id="settings-obligationsStartOn" style={{ width: 200 }} allowClear={false} />
          </Form.Item>
        </GroupCard>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <GroupCard title="分管违规" hint="一把手直接分管下列领域为红色（“不直接分管”）。">
          <Form.Item name="notDirectlyInCharge" label="一把手不直接分管的领域">
            <TagListInput id="settings-notDirectlyInCharge" maxLength={20} />
          </Form.Item>
        </GroupCard>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <GroupCard title="一把手年度系统培训" hint="下列培训类型计为一把手当年的系统培训。">
          <Form.Item
            name="systematicTrainingTypes"
            label="计为系统培训的类型"
            rules={[{ type: 'array', min: 1, message: '至少一种培训类型计为系统培训' }]}
          >
            <TagListInput id="settings-systematicTrainingTypes" maxLength={40} />
          </Form.Item>
        </GroupCard>
      </Col>
    </Row>
  );
}
