/**
 * After a ledger import: its subjects' warnings and 待办. A small import re-evaluated them in its commit; a
 * large one runs a job after it (预警重算中 N/M, polled by useImportBatch) — the warnings are current when it ends.
 */
import type { ImportBatchView } from '@jiandu/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Progress } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { importKeys } from '../../api/queries/imports';
import { count } from './labels';

export function ReevaluationStatus({ batch }: { batch: ImportBatchView }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const job = batch.reevaluation ?? null;
  const wasRunning = useRef(job?.status === 'running');
  useEffect(() => {
    if (!job) return;
    if (job.status === 'running') wasRunning.current = true;
    else if (wasRunning.current) {
      wasRunning.current = false;
      // The warnings, 待办 and 工作台 cached while the job ran are behind now.
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== importKeys.all[0] });
    }
  }, [job, qc]);
  if (!job) return null;
  const link = <Button size="small" type="link" onClick={() => void navigate('/warnings')}>查看预警</Button>;
  if (job.status === 'running') {
    return (
      <Alert
        type="info" showIcon style={{ textAlign: 'left' }} action={link}
        title={`预警重算中 ${count(job.progress)}/${count(job.total)}`}
        description={(
          <>
            记录已全部写入台账；涉及的 {count(job.total)} 名干部和班子的预警、待办正在后台重算，完成后即为最新。可以离开此页面，稍后在“我的导入”中查看。
            <Progress percent={job.total ? Math.floor((job.progress / job.total) * 100) : 0} size="small" />
          </>
        )}
      />
    );
  }
  if (job.status === 'done') {
    return (
      <Alert
        type="success" showIcon style={{ textAlign: 'left' }} action={link}
        title="预警已更新"
        description={`已重算涉及的 ${count(job.total)} 名干部和班子，预警变化 ${count(job.warningsChanged)} 条。`}
      />
    );
  }
  return (
    <Alert
      type="warning" showIcon style={{ textAlign: 'left' }} action={link}
      title={`预警重算未完成（${count(job.progress)}/${count(job.total)}）`}
      description={`${job.error ?? ''} 导入的记录不受影响；未重算的对象由系统的例行评估补上。`}
    />
  );
}

/** Running re-evaluations are polled with the batch. */
export const reevaluating = (b: ImportBatchView | undefined) => b?.reevaluation?.status === 'running';
