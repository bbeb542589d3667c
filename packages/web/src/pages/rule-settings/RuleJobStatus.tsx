/**
 * The latest full re-evaluation (GET /api/rules/jobs/latest), polled every second while it runs. Leaving the page
 * does not stop it: coming back shows where it is.
 */
import type { RuleJobView } from '@jiandu/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Progress } from 'antd';
import { useEffect, useRef } from 'react';
import { ruleSettingsApi } from '../../api/endpoints';
import { formatDateTime } from '../../lib/format';
import { dashboardKeys } from '../../api/queries/dashboard';
import { obligationKeys } from '../../api/queries/obligations';
import { ruleKeys } from '../../api/queries/rules';
import { eligibilityKeys, warningKeys } from '../../api/queries/warnings';

/** The latest job, polled while it runs; when a run ends, what it changed is read again. */
export function useLatestJob() {
  const qc = useQueryClient();
  const q = useQuery<RuleJobView | null>({
    queryKey: ruleKeys.latestJob,
    queryFn: ruleSettingsApi.latestJob,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
  const status = q.data ? `${q.data.id}:${q.data.status}` : null;
  const last = useRef<string | null>(null);
  useEffect(() => {
    const was = last.current;
    last.current = status;
    if (was && was.endsWith(':running') && status && !status.endsWith(':running')) {
      for (const queryKey of [warningKeys.all, obligationKeys.all, dashboardKeys.all, eligibilityKeys.all]) void qc.invalidateQueries({ queryKey });
    }
  }, [status, qc]);
  return q;
}

export function RuleJobStatus({ job }: { job: RuleJobView | null | undefined }) {
  if (!job) return null;
  const pct = job.total > 0 ? Math.floor((job.progress / job.total) * 100) : 0;
  const when = `${formatDateTime(job.startedAt)}（${job.reason}）`;
  if (job.status === 'running') {
    return (
      <Alert
        data-testid="rule-job"
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`正在全量重新评估：已完成 ${job.progress} / ${job.total}`}
        description={(
          <>
            <Progress percent={pct} status="active" />
            <div>开始于 {when}。可以离开此页面，评估在服务器上继续进行。</div>
          </>
        )}
      />
    );
  }
  if (job.status === 'done') {
    return (
      <Alert
        data-testid="rule-job"
        type="success"
        showIcon
        closable
        style={{ marginBottom: 16 }}
        title={`全量重新评估已完成：共评估 ${job.total} 个对象，预警变化 ${job.warningsChanged} 条`}
        description={`开始于 ${when}，完成于 ${formatDateTime(job.finishedAt)}。`}
      />
    );
  }
  return (
    <Alert
      data-testid="rule-job"
      type={job.status === 'failed' ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      title={job.status === 'failed' ? '全量重新评估失败' : '全量重新评估已中断（如服务重启），可重新发起'}
      description={`开始于 ${when}，已完成 ${job.progress} / ${job.total}。${job.error ?? ''}`}
    />
  );
}
