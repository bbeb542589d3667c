/** 任免审批表: the form's other fields, the 简历 as periods (the text as written on demand), family members for who may see them. */
import type { CadreRecordView } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Segmented, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { cadresApi } from '../../api/endpoints';
import { formatDateTime } from '../../lib/format';
import { cadreKeys } from '../../api/queries/cadres';

const ym = (v: string | null) => (v ? v.replace(/^(\d{4})-(\d{2}).*$/u, '$1.$2') : '');

function periodLabel(p: CadreRecordView['resume'][number]): string {
  const end = p.endKind === 'present' ? '至今' : p.endKind === 'open' ? '' : ym(p.end);
  return `${ym(p.start)}—${end}`;
}

export function RecordCard({ cadreId }: { cadreId: string }) {
  const record = useQuery({ queryKey: cadreKeys.record(cadreId), queryFn: () => cadresApi.record(cadreId), refetchOnWindowFocus: false });
  const [resumeView, setResumeView] = useState<'periods' | 'text'>('periods');
  const r = record.data;
  return (
    <Card
      title="干部任免审批表"
      style={{ marginBottom: 16 }}
      loading={record.isPending}
      extra={r?.source && (
        <Typography.Text type="secondary">
          来自 {r.source.format === 'roster' ? '花名册' : '任免审批表'}{r.source.name ? `“${r.source.name}”` : ''}，{formatDateTime(r.source.updatedAt)} 导入
        </Typography.Text>
      )}
    >
      {record.error && <Alert type="error" showIcon title={errorMessage(record.error)} />}
      {r && (
        <>
          {r.fields.length > 0 && (
            <Descriptions column={2} bordered size="small" style={{ marginBottom: 16 }} styles={{ label: { width: 180, whiteSpace: 'nowrap' } }}>
              {r.fields.map((f) => (
                <Descriptions.Item key={f.element} label={f.label}><span style={{ whiteSpace: 'pre-wrap' }}>{f.text}</span></Descriptions.Item>
              ))}
            </Descriptions>
          )}
          <Typography.Title level={5} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            简历
            {r.resumeText && (
              <Segmented size="small" value={resumeView} onChange={(v) => setResumeView(v as 'periods' | 'text')}
                options={[{ label: '分段', value: 'periods' }, { label: '原文', value: 'text' }]} />
            )}
          </Typography.Title>
          {!r.resumeText && <Empty description="暂无简历" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {r.resumeText && resumeView === 'text' && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12 }}>{r.resumeText}</Typography.Paragraph>
          )}
          {r.resumeText && resumeView === 'periods' && (
            <>
              <Timeline
                items={r.resume.map((p, i) => ({
                  key: i,
                  content: (
                    <div>
                      <Typography.Text strong style={{ marginRight: 12 }}>{periodLabel(p)}</Typography.Text>
                      {p.main}
                      {p.sub.map((s) => <div key={s} style={{ color: '#666', marginTop: 2 }}>（其间：{s}）</div>)}
                    </div>
                  ),
                }))}
              />
              {r.resumeUnparsed.length > 0 && (
                <Alert type="info" showIcon title="以下内容未能分段，按原文保留" description={r.resumeUnparsed.join('\n')} style={{ whiteSpace: 'pre-wrap' }} />
              )}
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>家庭主要成员及重要社会关系（{r.familyCount}人）</Typography.Title>
          {r.family === null
            ? <Typography.Text type="secondary">家庭成员属于敏感信息，仅组织部监督员可查看。</Typography.Text>
            : r.family.length === 0
              ? <Empty description="暂无" image={Empty.PRESENTED_IMAGE_SIMPLE} />
              : (
                <Table
                  size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={r.family}
                  columns={['称谓', '姓名', '出生日期', '政治面貌', '工作单位及职务'].map((k) => ({ title: k, dataIndex: k }))}
                  footer={() => <Typography.Text type="secondary">查看家庭成员已记入审计日志。</Typography.Text>}
                />
              )}
        </>
      )}
    </Card>
  );
}
