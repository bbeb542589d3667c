/**
 * 工作台 (dashboard:read): the user's 待办, warnings by colour, area and rule, the year's coverage rates and
 * the ledger's entries by source over 12 months. Every number and chart element drills down to its records.
 * The area (an org subtree) and the year are in the URL.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Select, Space, Spin, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { dashboardApi, ruleSettingsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { OrgSelect } from '../../components/OrgSelect';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../lib/format';
import { yearOptions } from '../ledger/labels';
import { COLOUR_HEX, COLOUR_LABELS, COLOUR_ORDER } from '../warnings/labels';
import { BigNumber } from './BigNumber';
import { ColourBars } from './ColourBars';
import { CoverageCard } from './CoverageCard';
import { drill } from './drill';
import { EntriesBySourceChart } from './EntriesBySourceChart';
import { MeetingTasksCard } from './MeetingTasksCard';
import { TodoCard } from './TodoCard';
import { dashboardKeys } from '../../api/queries/dashboard';
import { ruleKeys } from '../../api/queries/rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const DEFAULT_DUE_SOON_DAYS = 30;

export default function DashboardPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgParam = params.get('orgId');
  const orgId = orgParam && UUID.test(orgParam) ? orgParam : undefined;
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : undefined;
  const setFilter = (patch: { orgId?: string; year?: number }) => {
    const next = { orgId, year, ...patch };
    const out: Record<string, string> = {};
    if (next.orgId) out.orgId = next.orgId;
    if (next.year) out.year = String(next.year);
    setParams(out, { replace: true });
  };

  const dash = useQuery({ queryKey: dashboardKeys.view({ orgId, year }), queryFn: () => dashboardApi.get({ orgId, year }), placeholderData: keepPreviousData });
  // Another area or year: the page stays and its numbers change when the new ones arrive (no blank spinner).
  // The 即将到期 window is a setting (dueSoonDays): the drill-down asks for the same window.
  const settings = useQuery({ queryKey: ruleKeys.settings, queryFn: ruleSettingsApi.get, enabled: me.can('settings:read'), staleTime: 5 * 60_000 });
  const dueSoonDays = settings.data?.settings.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS;
  const d = dash.data;
  const go = (path: string, p: Record<string, string | number | undefined>) => void navigate(drill(path, p));

  return (
    <>
      <PageTitle
        title="工作台"
        extra={(
          <Space wrap>
            <OrgSelect style={{ width: 240 }} placeholder="全部区域（输入单位名称）" value={orgId} onChange={(id) => setFilter({ orgId: id })} />
            <Select
              id="dashboard-year"
              style={{ width: 110 }}
              value={d?.year ?? year}
              placeholder="年度"
              options={yearOptions()}
              onChange={(y: number) => setFilter({ year: y })}
            />
          </Space>
        )}
      >
        {d && <Typography.Text type="secondary">数据截至 {formatDate(d.asOf)}，点击任一数字或图形查看明细。</Typography.Text>}
      </PageTitle>
      {dash.error && <Alert type="error" showIcon title={errorMessage(dash.error)} style={{ marginBottom: 16 }} />}
      {dash.isPending && <Spin style={{ display: 'block', margin: '80px auto' }} />}
      {d && (
        <Row gutter={[16, 16]} style={dash.isPlaceholderData ? { opacity: 0.6, transition: 'opacity .2s' } : undefined} aria-busy={dash.isPlaceholderData}>
          <Col xs={24} xl={12}>
            {me.can('obligation:read') ? (
              <TodoCard counts={d.obligations} orgId={orgId} dueSoonDays={dueSoonDays} linkCadre={me.can('cadre:read')} />
            ) : null}
          </Col>
          <Col xs={24} xl={12}>
            <Card title="待处理预警" extra={<Link to={drill('/warnings', { orgId })}>全部预警</Link>} style={{ height: '100%' }}>
              <Row gutter={12}>
                {COLOUR_ORDER.map((c) => (
                  <Col span={8} key={c}>
                    <BigNumber testId={`warnings-${c}`} label={COLOUR_LABELS[c]} value={d.warnings[c]} color={COLOUR_HEX[c]} to={drill('/warnings', { colour: c, orgId })} />
                  </Col>
                ))}
              </Row>
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 12px', fontSize: 12 }}>
                红色：限制使用；黄色：重点关注；蓝色：提醒。仅计仍成立且未处置、未排除的预警。
              </Typography.Paragraph>
              <Typography.Text strong>按规则</Typography.Text>
              <ColourBars
                testId="chart-warnings-by-rule"
                rows={d.warningsByRule.map((r) => ({ key: r.rule, name: r.ruleName, red: r.red, yellow: r.yellow, blue: r.blue }))}
                emptyText="暂无待处理预警"
                onPick={(rule, colour) => go('/warnings', { rule, colour, orgId })}
              />
            </Card>
          </Col>
          {me.can('meeting:read') && (d.meetingTasks || d.meetingCadence) && (
            <Col span={24}>
              <MeetingTasksCard tasks={d.meetingTasks} cadence={d.meetingCadence} />
            </Col>
          )}
          <Col span={24}>
            <Card title="预警按区域">
              <ColourBars
                vertical
                testId="chart-warnings-by-area"
                rows={d.warningsByArea.map((a) => ({ key: a.orgId, name: a.orgName, red: a.red, yellow: a.yellow, blue: a.blue }))}
                emptyText="暂无待处理预警"
                onPick={(area, colour) => go('/warnings', { orgId: area, colour })}
              />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <CoverageCard coverage={d.coverage} year={d.year} orgId={orgId} />
          </Col>
          <Col xs={24} xl={16}>
            <Card title="台账记录按来源单位（近12个月）" style={{ height: '100%' }}>
              <EntriesBySourceChart
                cells={d.entriesBySource}
                asOf={d.asOf}
                onPick={(sourceDept, month) => go('/ledger', { sourceDept, month, orgId })}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
