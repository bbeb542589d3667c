/** 干部基本档案: the registry data of one cadre and the tenures (viewing it is recorded in the audit log). */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Result, Space, Spin } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { cadresApi, exportsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { CadreStatusTag } from '../../components/CadreStatusTag';
import { ExportButton } from '../../components/ExportButton';
import { PageTitle } from '../../components/PageTitle';
import { formatMonth } from '../../lib/format';
import { LedgerTimelineCard } from '../ledger/LedgerTimelineCard';
import { CadreSupervisionCard } from '../warnings/CadreSupervisionCard';
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

  return (
    <>
      <PageTitle
        title={<Space>{c.name}<CadreStatusTag status={c.status} /></Space>}
        extra={(
          <Space wrap>
            {me.can('cadre:read') && <ExportButton href={cadresApi.lrmxUrl(c.id)} label="导出任免审批表" />}
            {me.can('cadre:read') && <ExportButton href={exportsApi.dossierDocx(c.id)} label="导出档案（Word）" />}
            {back}
          </Space>
        )}
      />
      <Card title="基本信息" style={{ marginBottom: 16 }}>
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
      <TenureCard cadreId={c.id} cadreName={c.name} tenures={c.tenures} />
      <RecordCard cadreId={c.id} />
      <CadreSupervisionCard key={c.id} cadreId={c.id} />
      {me.can('entry:read') && <LedgerTimelineCard key={c.id} subject={{ type: 'cadre', id: c.id, name: c.name }} />}
    </>
  );
}
