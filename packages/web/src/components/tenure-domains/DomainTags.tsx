/**
 * The 分工 in force today as tags, “自 … 起” when a 分工调整 set it, and a popover with the tenure's 分工
 * history (loaded when opened: GET /api/tenures/:id/domains).
 */
import { HistoryOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Popover, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { cadresApi } from '../../api/endpoints';
import { cadreKeys } from '../../api/queries/cadres';

const tags = (domains: readonly string[]) => (domains.length ? domains.map((d) => <Tag key={d}>{d}</Tag>) : <Typography.Text type="secondary">（无）</Typography.Text>);

function History({ tenureId }: { tenureId: string }) {
  const h = useQuery({ queryKey: cadreKeys.tenureDomains(tenureId), queryFn: () => cadresApi.tenureDomains(tenureId) });
  if (h.isPending) return <Spin size="small" />;
  if (h.error) return <Typography.Text type="danger">{errorMessage(h.error)}</Typography.Text>;
  const d = h.data;
  if (!d.changes.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="任职以来分工未调整" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={[
        { color: 'gray', content: <><Typography.Text strong>{d.startDate}</Typography.Text> 任职时<div>{tags(d.initial)}</div></> },
        ...d.changes.map((c) => ({
          color: c.effectiveDate === d.currentSince ? 'blue' : 'gray',
          content: (
            <>
              <Typography.Text strong>{c.effectiveDate}</Typography.Text> 起
              <div>{tags(c.domains)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[c.reason, c.createdByLogin && `${c.createdByLogin} 录入`].filter(Boolean).join(' · ')}
              </Typography.Text>
            </>
          ),
        })),
      ]}
    />
  );
}

export function DomainTags({ tenureId, domains, since }: { tenureId: string; domains: readonly string[]; since?: string | null | undefined }) {
  const [open, setOpen] = useState(false);
  const history = (
    <Popover title="分工调整记录" trigger="click" open={open} onOpenChange={setOpen} content={open ? <div style={{ width: 300 }}><History tenureId={tenureId} /></div> : null}>
      {since
        ? <Button type="link" size="small" icon={<HistoryOutlined />} style={{ padding: 0, height: 'auto', fontSize: 12 }} title="分工调整记录">{since}起</Button>
        : <Button type="text" size="small" icon={<HistoryOutlined />} aria-label="分工调整记录" title="分工调整记录" />}
    </Popover>
  );
  if (since) {
    return (
      <div>
        <Space size={[0, 4]} wrap>{domains.map((d) => <Tag key={d}>{d}</Tag>)}</Space>
        <div>{history}</div>
      </div>
    );
  }
  return <Space size={[0, 4]} wrap>{domains.map((d) => <Tag key={d}>{d}</Tag>)}{history}</Space>;
}
