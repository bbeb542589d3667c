/** The ledger entries behind a warning or an eligibility reason: 类别, 日期, 摘要; an entry opens its drawer. */
import type { EvidenceView } from '@jiandu/domain';
import { List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../app/auth';
import { formatDate } from '../../lib/format';
import { EntryDrawer } from '../ledger/EntryDrawer';
import { KindTag, WithheldText } from '../ledger/labels';

interface Props {
  items: EvidenceView[];
  emptyText?: string;
  size?: 'small' | 'default';
}

export function EvidenceList({ items, emptyText = '没有依据记录', size = 'small' }: Props) {
  const me = useCurrentUser();
  const [open, setOpen] = useState<string | null>(null);
  const canOpen = me.can('entry:read');
  return (
    <>
      <List<EvidenceView>
        size={size}
        dataSource={items}
        locale={{ emptyText }}
        renderItem={(e) => (
          <List.Item
            key={e.entryId}
            extra={e.visible && canOpen
              ? <Typography.Link onClick={() => setOpen(e.entryId)}>查看记录</Typography.Link>
              : <Typography.Text type="secondary">{e.visible ? '' : '无权查看或已撤销'}</Typography.Text>}
          >
            <Space size={8} align="start" style={{ minWidth: 0 }}>
              <span style={{ whiteSpace: 'nowrap' }}>{formatDate(e.occurredOn)}</span>
              <KindTag code={e.kind} name={e.kindName} />
              {e.redacted && e.visible ? <WithheldText /> : <Typography.Text type={e.visible ? undefined : 'secondary'}>{e.summary}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      {canOpen && <EntryDrawer side="entries" entryId={open} onClose={() => setOpen(null)} />}
    </>
  );
}
