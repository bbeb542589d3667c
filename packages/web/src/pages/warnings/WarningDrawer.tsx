/** One warning: its rule, subject, explanation, the evidence entries, its status and who set it; the actions. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { warningsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { formatDate, formatDateTime } from '../../lib/format';
import { EvidenceList } from './EvidenceList';
import { COLOUR_LABELS, ColourTag, WarningStatusTag } from './labels';
import { WarningFollowups } from './WarningFollowups';
import { WarningHistory } from './WarningHistory';
import { WarningStatusModal, useWarningsChanged, type TargetStatus } from './WarningStatusModal';
import { warningKeys } from '../../api/queries/warnings';

interface Props {
  warningId: string | null;
  onClose: () => void;
}

export function WarningDrawer({ warningId, onClose }: Props) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [asking, setAsking] = useState<TargetStatus | null>(null);
  const changed = useWarningsChanged();
  const detail = useQuery({
    queryKey: warningKeys.detail(warningId),
    queryFn: () => warningsApi.get(warningId!),
    enabled: !!warningId,
  });
  const markRead = useMutation({
    mutationFn: () => warningsApi.setStatus({ ids: [warningId!], status: 'read' }),
    onSuccess: async () => {
      await changed();
      void message.success('已标记为已阅');
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const w = detail.data;
  const closed = w?.status === 'handled' || w?.status === 'dismissed';
  const timeline = w?.cadreId ? `/cadres/${w.cadreId}` : w ? `/orgs?id=${w.orgId}` : '';
  const canLink = w?.cadreId ? me.can('cadre:read') : me.can('org:read');

  return (
    <Drawer
      open={!!warningId}
      onClose={onClose}
      size={720}
      title={w ? <Space><ColourTag colour={w.colour} />{w.ruleName}</Space> : '预警详情'}
      extra={w && me.can('warning:handle') && (
        <Space>
          {w.status === 'new' && <Button loading={markRead.isPending} onClick={() => markRead.mutate()}>标记已阅</Button>}
          {!closed && <Button onClick={() => setAsking('handled')}>已处置</Button>}
          {!closed && <Button onClick={() => setAsking('dismissed')}>已排除</Button>}
        </Space>
      )}
    >
      {detail.isPending && warningId && <Spin />}
      {detail.error && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {w && (
        <>
          <Typography.Paragraph style={{ fontSize: 15 }}>{w.explanation}</Typography.Paragraph>
          <Descriptions column={2} size="small" bordered styles={{ label: { width: 100, whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="预警">{COLOUR_LABELS[w.colour]}</Descriptions.Item>
            <Descriptions.Item label="规则">{w.ruleName}</Descriptions.Item>
            <Descriptions.Item label="对象">
              {w.subjectType === 'cadre' ? w.cadreName : w.teamName}
              {canLink && <> · <Link to={timeline}>{w.subjectType === 'cadre' ? '干部档案与台账' : '班子与台账'}</Link></>}
            </Descriptions.Item>
            <Descriptions.Item label="单位">{w.orgName}</Descriptions.Item>
            <Descriptions.Item label="首次发现">{formatDate(w.firstSeenAt)}</Descriptions.Item>
            <Descriptions.Item label="持续至">{w.until ? formatDate(w.until) : '—（直到事实变化）'}</Descriptions.Item>
            <Descriptions.Item label="状态"><WarningStatusTag status={w.status} active={w.active} /></Descriptions.Item>
            <Descriptions.Item label="最近变化">{formatDateTime(w.lastChangedAt)}</Descriptions.Item>
            <Descriptions.Item label="处理人">{w.statusByLogin ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="处理时间">{w.statusAt ? formatDateTime(w.statusAt) : '—'}</Descriptions.Item>
            <Descriptions.Item label="处理说明" span={2}>{w.statusReason ?? '—'}</Descriptions.Item>
          </Descriptions>
          {!w.active && (
            <Alert type="info" showIcon style={{ marginTop: 16 }} title="触发此预警的事实已不再成立（如影响期届满、记录已撤销或核实为失实），预警保留备查，不再计数。" />
          )}
          <WarningFollowups w={w} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>依据记录（{w.evidenceEntries.length}）</Typography.Title>
          <EvidenceList items={w.evidenceEntries} emptyText="此预警没有对应的台账记录（如任职时间、义务到期）" />
          <Typography.Title level={5} style={{ marginTop: 24 }}>处置经过</Typography.Title>
          <WarningHistory events={w.history} />
        </>
      )}
      {asking && w && (
        <WarningStatusModal ids={[w.id]} status={asking} onClose={() => setAsking(null)} onDone={() => setAsking(null)} />
      )}
    </Drawer>
  );
}
