/**
 * 规则设置 (settings:read to view, settings:rules to edit): thresholds by rule, the rule catalog's switches,
 * impact periods, the dictionaries. Saving the settings starts a full re-evaluation, whose progress shows
 * here; 全部重新评估 (rules:run) starts one by hand.
 */
import { ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Space, Spin, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { ruleSettingsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { ConclusionKindsPanel } from './ConclusionKindsPanel';
import { DictionariesPanel } from './DictionariesPanel';
import { ImpactPanel } from './ImpactPanel';
import { RuleCatalogInput } from './RuleCatalogInput';
import { RuleJobStatus, useLatestJob } from './RuleJobStatus';
import { applyIssues, toBody, toValues, type SettingsValues } from './settings-form';
import { ResponsiblesPanel } from './ResponsiblesPanel';
import { ThresholdsPanel } from './ThresholdsPanel';
import { ruleKeys } from '../../api/queries/rules';

type Tab = 'thresholds' | 'catalog' | 'impact' | 'dictionaries' | 'responsibles' | 'conclusions';

/** The tab that holds a field (to show the first one with an error). */
function tabOf(name: ReadonlyArray<string | number>): Tab {
  if (name[0] === 'impact') return 'impact';
  if (name[0] === 'disabledRules') return 'catalog';
  return 'thresholds';
}

export default function RuleSettingsPage() {
  const me = useCurrentUser();
  const canEdit = me.can('settings:rules');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SettingsValues>();
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('thresholds');
  const view = useQuery({ queryKey: ruleKeys.settings, queryFn: ruleSettingsApi.get });
  const job = useLatestJob();
  const running = job.data?.status === 'running';

  const started = async (j: Awaited<ReturnType<typeof ruleSettingsApi.runAll>>) => {
    qc.setQueryData(ruleKeys.latestJob, j);
    await qc.invalidateQueries({ queryKey: ruleKeys.latestJob });
  };
  const save = useMutation({
    mutationFn: (v: SettingsValues) => ruleSettingsApi.save(toBody(v, view.data!.settings)),
    onMutate: () => setError(null),
    onError: (e) => {
      setError(applyIssues(form, e, { reviewBottomFraction: 'reviewBottomPercent' }));
      const first = form.getFieldsError().find((f) => f.errors.length > 0);
      if (first) setTab(tabOf(first.name));
    },
    onSuccess: async (j) => {
      await started(j);
      await Promise.all([qc.invalidateQueries({ queryKey: ruleKeys.settings }), qc.invalidateQueries({ queryKey: ruleKeys.catalog })]);
      void message.success('规则设置已保存，已开始全量重新评估');
    },
  });
  const runAll = useMutation({
    mutationFn: ruleSettingsApi.runAll,
    onSuccess: async (j) => {
      await started(j);
      void message.success('已开始全量重新评估');
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (view.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (view.error) return <Alert type="error" showIcon title={errorMessage(view.error)} />;
  const v = view.data;
  const measures = (v.dictionaries.disciplineMeasure ?? {}) as Record<string, string[]>;

  return (
    <>
      <PageTitle
        title="规则设置"
        extra={(
          <Space wrap>
            {me.can('rules:run') && (
              <Button icon={<ReloadOutlined />} loading={runAll.isPending} disabled={running} onClick={() => runAll.mutate()}>全部重新评估</Button>
            )}
            {canEdit && tab !== 'dictionaries' && tab !== 'responsibles' && tab !== 'conclusions' && (
              <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={running} onClick={() => form.submit()}>保存规则设置</Button>
            )}
          </Space>
        )}
      >
        <Typography.Text type="secondary">
          {v.updatedAt ? `最近修改：${v.updatedByLogin ?? '—'}，${formatDateTime(v.updatedAt)}` : '尚未修改，使用默认设置'}
        </Typography.Text>
      </PageTitle>
      {!canEdit && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="只读：您可以查看规则设置与字典，修改需由监督科负责人进行。" />
      )}
      <RuleJobStatus job={job.data} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} closable={{ onClose: () => setError(null) }} />}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as Tab)}
          items={[
            { key: 'thresholds', label: '阈值' },
            { key: 'catalog', label: '规则启用' },
            { key: 'impact', label: '影响期' },
            { key: 'dictionaries', label: '字典' },
            ...(me.can('obligation:read') ? [{ key: 'responsibles', label: '待办负责人' }] : []),
            ...(me.can('meeting:read') ? [{ key: 'conclusions', label: '研判结论' }] : []),
          ]}
        />
        {/* One settings form over three tabs (hidden tabs stay mounted: one save, whichever tab is open); the
            dictionaries are a form of their own, saved on their own (forms do not nest). */}
        <Form<SettingsValues>
          form={form}
          layout="vertical"
          disabled={!canEdit}
          requiredMark={canEdit}
          initialValues={toValues(v.settings)}
          hidden={tab === 'dictionaries' || tab === 'responsibles' || tab === 'conclusions'}
          onFinish={(values) => save.mutate(values)}
          onFinishFailed={({ errorFields }) => {
            setError('请按提示修改标红的项目');
            const first = errorFields[0]?.name;
            if (first) {
              setTab(tabOf(first));
              setTimeout(() => form.scrollToField(first), 0);
            }
          }}
        >
          <div hidden={tab !== 'thresholds'}><ThresholdsPanel /></div>
          <div hidden={tab !== 'catalog'}>
            <Form.Item name="disabledRules" noStyle>
              <RuleCatalogInput rules={v.rules} disabled={!canEdit} />
            </Form.Item>
          </div>
          <div hidden={tab !== 'impact'}><ImpactPanel measures={measures} current={v.settings.impact} /></div>
        </Form>
        {tab === 'dictionaries' && <DictionariesPanel dictionaries={v.dictionaries} canEdit={canEdit} />}
        {tab === 'responsibles' && <ResponsiblesPanel />}
        {tab === 'conclusions' && <ConclusionKindsPanel canEdit={canEdit} />}
      </Card>
    </>
  );
}
