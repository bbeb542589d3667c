/** All fields of the current version, the details under their schema titles. */
import { PROVENANCE_NAMES, type EntryView } from '@jiandu/domain';
import { Alert, Descriptions, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDetail, labelledDetails, type FieldSpec } from '../../components/entry-form/schema';
import { formatDate, formatDateTime } from '../../lib/format';
import { EntryStatusTag, KindTag, SensitivityTag, WithheldText, impactActive } from './labels';

const LABEL = { label: { width: 120, whiteSpace: 'nowrap' as const } };

export function EntryFields({ entry: e, fields, linkCadre }: { entry: EntryView; fields: FieldSpec[]; linkCadre: boolean }) {
  const subject = [
    e.cadreId && (linkCadre ? <Link key="c" to={`/cadres/${e.cadreId}`}>{e.cadreName}</Link> : <span key="c">{e.cadreName}</span>),
    e.teamId && <span key="t">{e.teamName}</span>,
  ].filter(Boolean);
  const details = labelledDetails(fields, e.details);
  const active = impactActive(e.impactUntil) && e.status !== 'withdrawn';
  const withheld = e.redacted === true;
  return (
    <>
      {withheld && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`该记录为${e.sensitivity}记录，您没有查看其内容的权限`}
          description="只显示记录对象、类别、来源、日期和状态；文号、摘要、处理结果、类别详情和附件不显示。" />
      )}
      <Descriptions column={2} bordered size="small" styles={LABEL}>
        <Descriptions.Item label="记录对象" span={2}><Space separator="、">{subject}</Space></Descriptions.Item>
        <Descriptions.Item label="类别"><KindTag code={e.kind} name={e.kindName} /></Descriptions.Item>
        <Descriptions.Item label="来源单位">{e.sourceDeptName}</Descriptions.Item>
        <Descriptions.Item label="发生日期">{formatDate(e.occurredOn)}</Descriptions.Item>
        <Descriptions.Item label="文号">{e.refNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="状态"><EntryStatusTag status={e.status} /></Descriptions.Item>
        <Descriptions.Item label="敏感级别">{e.sensitivity === '一般' ? e.sensitivity : <SensitivityTag level={e.sensitivity} />}</Descriptions.Item>
        <Descriptions.Item label="摘要" span={2}>
          {withheld ? <WithheldText /> : <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.summary}</Typography.Paragraph>}
        </Descriptions.Item>
        <Descriptions.Item label="处理结果" span={2}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.outcome ?? '—'}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="影响期至" span={2}>
          {e.impactUntil ? (
            <Space wrap>
              <Typography.Text type={active ? 'danger' : 'secondary'}>{formatDate(e.impactUntil)}</Typography.Text>
              {e.impactBasis && <Typography.Text type="secondary">（{e.impactBasis}）</Typography.Text>}
              {!impactActive(e.impactUntil) && <Typography.Text type="secondary">已届满</Typography.Text>}
            </Space>
          ) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="当前版本">第{e.version}版</Descriptions.Item>
        <Descriptions.Item label="录入方式">{PROVENANCE_NAMES[e.provenance]}</Descriptions.Item>
        <Descriptions.Item label="最后操作" span={2}>{e.createdBy ?? '—'} · {formatDateTime(e.createdAt)}</Descriptions.Item>
      </Descriptions>
      {details.length > 0 && !withheld && (
        <Descriptions title="类别详情" column={2} bordered size="small" styles={LABEL} style={{ marginTop: 16 }}>
          {details.map((d) => (
            <Descriptions.Item key={d.name} label={d.title} span={String(formatDetail(d.value)).length > 24 ? 2 : 1}>
              {formatDetail(d.value)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </>
  );
}
