/** The detail drawer of one entry: all fields, the attachments, the version history with diffs, the reviews, and the actions. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Divider, Drawer, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { entriesApi, type LedgerSide } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { EntryFormModal } from '../../components/entry-form/EntryFormModal';
import { useKind } from '../../components/entry-form/use-ledger-meta';
import { EntryActions } from './EntryActions';
import { EntryAttachments } from './EntryAttachments';
import { EntryFields } from './EntryFields';
import { EntryStatusTag, VersionTag } from './labels';
import { ReviewHistory, VersionHistory } from './VersionHistory';
import { ledgerKeys } from '../../api/queries/ledger';

interface Props {
  side: LedgerSide;
  entryId: string | null;
  onClose: () => void;
}

export function EntryDrawer({ side, entryId, onClose }: Props) {
  const me = useCurrentUser();
  const [correcting, setCorrecting] = useState(false);
  const history = useQuery({
    queryKey: ledgerKeys.entry(side, entryId),
    queryFn: () => entriesApi.get(side, entryId!),
    enabled: !!entryId,
  });
  const h = history.data;
  const e = h?.entry;
  const { fields } = useKind(e?.kind);
  const withdrawal = h?.versions.find((v) => v.action === 'withdraw');
  const member = side === 'submissions';

  return (
    <Drawer
      open={!!entryId}
      onClose={onClose}
      size={780}
      destroyOnHidden
      title={e ? (
        <Space size={8} wrap>
          <span>{e.kindName} · {e.cadreName ?? e.teamName}</span>
          <EntryStatusTag status={e.status} />
          <VersionTag version={e.version} />
        </Space>
      ) : '台账记录'}
      extra={e && <EntryActions side={side} entry={e} onCorrect={() => setCorrecting(true)} />}
    >
      {history.isPending && <Spin style={{ display: 'block', margin: '80px auto' }} />}
      {history.error && <Alert type="error" showIcon title={errorMessage(history.error)} />}
      {h && e && (
        <>
          {e.status === 'returned' && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`已退回：${e.reviewReason ?? '未说明原因'}`}
              description={member ? '请更正后重新报送，或撤销本条报送。' : `等待${e.sourceDeptName}更正后重新报送。`} />
          )}
          {e.status === 'pending' && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }}
              title={member ? '已报送，等待组织部审核。' : `${e.sourceDeptName}报送，待审核。采纳后生效。`} />
          )}
          {e.status === 'withdrawn' && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`已撤销：${withdrawal?.reason ?? ''}`}
              description="撤销的记录不再计入台账，各版本仍可查阅。" />
          )}
          {member && e.status === 'accepted' && (
            <Alert type="success" showIcon style={{ marginBottom: 16 }} title="已采纳的记录如需更正请联系组织部。" />
          )}
          <EntryFields entry={e} fields={fields} linkCadre={!member && me.can('cadre:read')} />
          {!e.redacted && (
            <>
              <Divider titlePlacement="start">附件（{e.attachments?.length ?? 0}）</Divider>
              <EntryAttachments side={side} entry={e} />
            </>
          )}
          <Divider titlePlacement="start">版本历史（{h.versions.length}）</Divider>
          <VersionHistory versions={h.versions} fields={fields} />
          {(h.reviews.length > 0 || e.status === 'pending') && (
            <>
              <Divider titlePlacement="start">审核记录</Divider>
              <ReviewHistory reviews={h.reviews} />
            </>
          )}
          {h.reviews.length === 0 && e.status === 'accepted' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>组织部直接录入的记录无需审核。</Typography.Text>
          )}
        </>
      )}
      {correcting && e && <EntryFormModal side={side} target={{ mode: 'correct', entry: e }} onClose={() => setCorrecting(false)} />}
    </Drawer>
  );
}
