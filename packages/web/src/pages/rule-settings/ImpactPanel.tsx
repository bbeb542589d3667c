/**
 * 影响期: months per measure of 政务处分 / 党纪处分 / 组织处理, and 诫勉. The measures are those of the
 * disciplineMeasure dictionary plus any already set; an empty cell means the measure has no impact period.
 */
import { Card, Col, Form, InputNumber, Row, Table, Typography } from 'antd';

const CATEGORIES = [
  { key: 'government', name: '政务处分', hint: '《政务处分法》第八条' },
  { key: 'party', name: '党纪处分', hint: '《中国共产党纪律处分条例》第十条' },
  { key: 'organizational', name: '组织处理', hint: '调离岗位、免职、降职等（能上能下）' },
] as const;

interface Props {
  /** The dictionary's measures by category name (政务处分 → 警告, 记过 …). */
  measures: Record<string, readonly string[]>;
  /** The measures that already have months, by settings key. */
  current: { government: Record<string, number>; party: Record<string, number>; organizational: Record<string, number> };
}

export function ImpactPanel({ measures, current }: Props) {
  return (
    <Row gutter={[16, 16]}>
      {CATEGORIES.map((c) => {
        const names = [...new Set([...(measures[c.name] ?? []), ...Object.keys(current[c.key] ?? {})])];
        return (
          <Col xs={24} lg={12} xxl={8} key={c.key}>
            <Card size="small" title={`${c.name}影响期`} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.hint}</Typography.Text>} style={{ height: '100%' }}>
              <Table
                rowKey={(n) => n}
                size="small"
                pagination={false}
                dataSource={names}
                locale={{ emptyText: '字典中没有此类处理方式' }}
                columns={[
                  { title: '处理方式', key: 'name', render: (_: unknown, n: string) => n },
                  {
                    title: '影响期', key: 'months', width: 170,
                    render: (_: unknown, n: string) => (
                      <Form.Item name={['impact', c.key, n]} noStyle>
                        <InputNumber aria-label={`${c.name}·${n}影响期`} min={0} max={120} precision={0} suffix="个月" placeholder="无" style={{ width: 140 }} />
                      </Form.Item>
                    ),
                  },
                ]}
              />
            </Card>
          </Col>
        );
      })}
      <Col xs={24} lg={12} xxl={8}>
        <Card size="small" title="诫勉影响期" style={{ height: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>诫勉（含问责方式中的诫勉）影响期；中央未作统一规定，常见为 6 个月。</Typography.Paragraph>
          <Form.Item name={['impact', 'admonitionMonths']} label="诫勉影响期" rules={[{ required: true, message: '请填写诫勉影响期' }]}>
            <InputNumber id="settings-admonitionMonths" min={0} max={60} precision={0} suffix="个月" style={{ width: 200 }} />
          </Form.Item>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>空白表示该处理方式不设影响期；修改后保存即对全部干部重新计算。</Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}
