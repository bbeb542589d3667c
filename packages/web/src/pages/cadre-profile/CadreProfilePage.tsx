/**
 * 干部基本档案 (viewing it is recorded in the audit log). The verdict first (CadreVerdictBar: 使用资格, open
 * warnings, impact period), then the sections as tabs: only the open tab loads (the first screen asks for the
 * cadre and the summary). 打印 prints every section expanded.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Result, Space, Spin, Tabs } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { cadresApi, exportsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { CadreStatusTag } from '../../components/CadreStatusTag';
import { ExportButton } from '../../components/ExportButton';
import { PageTitle } from '../../components/PageTitle';
import { formatMonth } from '../../lib/format';
import { LedgerTimelineCard } from '../ledger/LedgerTimelineCard';
import { PrintButton, settled } from '../../components/print/PrintButton';
import { ObligationList } from '../obligations/ObligationList';
import { EligibilityPanel } from '../warnings/EligibilityPanel';
import { WarningList } from '../warnings/WarningList';
import { CadreVerdictBar } from './CadreVerdictBar';
import { CadrePhoto } from './CadrePhoto';
import { IdNumberField } from './IdNumberField';
import { ManageLevelField } from './ManageLevelField';
import { RecordCard } from './RecordCard';
import { TenureCard } from './TenureCard';
import { cadreKeys } from '../../api/queries/cadres';

export default function CadreProfilePage() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const cadre = useQuery({ queryKey: cadreKeys.detail(id), queryFn: () => cadresApi.get(id) });
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  // 打印: every section, one after the other (each loads what it shows), then the print dialog.
  const [printAll, setPrintAll] = useState(false);

  const back = <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>返回</Button>;
  if (cadre.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (cadre.error) {
    if (cadre.error instanceof ApiError && cadre.error.status === 404) {
      return <Result status="404" title="干部不存在或不在管辖范围内" extra={<Link to="/cadres">返回干部列表</Link>} />;
    }
    return <Alert type="error" showIcon title={errorMessage(cadre.error)} />;
  }
  const c = cadre.data;
  const m = (v: string | null) => (v ? formatMonth(v) : '—');
  const t = (v: string | null) => v ?? '—';

  // On screen the tab says 基本信息; on paper the card does.
  const basicCard = (title?: string) => (
    <Card title={title} style={{ marginBottom: 16 }}>
      <Flex gap={24} align="flex-start">
        <CadrePhoto cadreId={c.id} name={c.name} hasPhoto={c.hasPhoto} />
        <Descriptions column={3} bordered size="middle" style={{ flex: 1, minWidth: 0 }} styles={{ label: { width: 140, whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="姓名">{c.name}</Descriptions.Item>
          <Descriptions.Item label="性别">{t(c.gender)}</Descriptions.Item>
          <Descriptions.Item label="出生年月">{m(c.birth)}</Descriptions.Item>
          <Descriptions.Item label="民族">{t(c.ethnicity)}</Descriptions.Item>
          <Descriptions.Item label="籍贯">{t(c.nativePlace)}</Descriptions.Item>
          <Descriptions.Item label="出生地">{t(c.birthPlace ?? null)}</Descriptions.Item>
          <Descriptions.Item label="入党时间">{m(c.partyDate)}</Descriptions.Item>
          <Descriptions.Item label="参加工作时间">{m(c.workDate)}</Descriptions.Item>
          <Descriptions.Item label="职务层次">{t(c.rank)}</Descriptions.Item>
          <Descriptions.Item label="管理权限"><ManageLevelField cadre={c} /></Descriptions.Item>
          <Descriptions.Item label="全日制教育">{t(c.educationFullTime)}</Descriptions.Item>
          <Descriptions.Item label="在职教育">{t(c.educationInService)}</Descriptions.Item>
          <Descriptions.Item label="状态"><CadreStatusTag status={c.status} /></Descriptions.Item>
          <Descriptions.Item label="单位" span={3}>
            <Link to={`/orgs?id=${c.orgId}`}>{c.orgName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="身份证号" span={3}>
            <IdNumberField cadreId={c.id} masked={c.idNumberMasked} />
          </Descriptions.Item>
        </Descriptions>
      </Flex>
    </Card>
  );
  const titled = (title: string, body: ReactNode) => <Card title={title} style={{ marginBottom: 16 }}>{body}</Card>;
  const big = printAll ? 200 : 20;
  const sections: Array<{ key: string; label: string; screen: ReactNode; print: ReactNode }> = [
    { key: 'basic', label: '基本信息', screen: basicCard(), print: basicCard('基本信息') },
    { key: 'tenures', label: '任职', screen: <TenureCard cadreId={c.id} cadreName={c.name} tenures={c.tenures} />, print: <TenureCard cadreId={c.id} cadreName={c.name} tenures={c.tenures} /> },
    { key: 'record', label: '任免审批表', screen: <RecordCard cadreId={c.id} />, print: <RecordCard cadreId={c.id} /> },
    ...(me.can('eligibility:read') ? [{
      key: 'eligibility', label: '使用资格', screen: <EligibilityPanel cadreId={c.id} />, print: titled('使用资格（凡提必查）', <EligibilityPanel cadreId={c.id} />),
    }] : []),
    ...(me.can('warning:read') ? (() => {
      const list = <WarningList filters={{ cadreId: c.id, view: 'all' }} showSubject={false} pageSize={big} emptyText="该干部没有预警" />;
      return [{ key: 'warnings', label: '预警', screen: list, print: titled('预警', list) }];
    })() : []),
    ...(me.can('obligation:read') ? (() => {
      const list = <ObligationList filters={{ cadreId: c.id }} showSubject={false} pageSize={big} emptyText="该干部没有待办事项" />;
      return [{ key: 'obligations', label: '待办', screen: list, print: titled('待办', list) }];
    })() : []),
    ...(me.can('entry:read') ? (() => {
      const card = <LedgerTimelineCard key={c.id} subject={{ type: 'cadre', id: c.id, name: c.name }} />;
      return [{ key: 'ledger', label: '监督台账', screen: card, print: card }];
    })() : []),
  ];
  const asked = params.get('tab');
  const tab = sections.some((x) => x.key === asked) ? asked! : 'basic';

  return (
    <>
      <PageTitle
        title={<Space>{c.name}<CadreStatusTag status={c.status} /></Space>}
        extra={(
          <Space wrap>
            {me.can('cadre:read') && <ExportButton href={cadresApi.lrmxUrl(c.id)} label="导出任免审批表" />}
            {me.can('cadre:read') && <ExportButton href={exportsApi.dossierDocx(c.id)} label="导出档案（Word）" />}
            <PrintButton
              record={{ page: 'cadre', objectId: c.id }}
              prepare={async () => { setPrintAll(true); await settled(qc); }}
              done={() => setPrintAll(false)}
            />
            {back}
          </Space>
        )}
      />
      <CadreVerdictBar cadreId={c.id} />
      {printAll
        ? sections.map((x) => <div key={x.key} style={{ marginBottom: 16 }}>{x.print}</div>)
        : (
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams((p) => { p.set('tab', k); return p; }, { replace: true })}
            items={sections.map((x) => ({ key: x.key, label: x.label, children: x.screen }))}
          />
        )}
    </>
  );
}
