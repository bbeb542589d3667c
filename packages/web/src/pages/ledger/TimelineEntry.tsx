/** One entry on a ledger timeline: date, kind, source, summary, outcome, impact period, status. */
import type { EntryView } from '@jiandu/domain';
import { Flex, Space, Typography } from 'antd';
import { formatDate } from '../../lib/format';
import { EntryStatusTag, KindTag, SensitivityTag, VersionTag, WithheldText, impactActive } from './labels';
import styles from './ledger.module.css';

export function TimelineEntry({ entry: e, onOpen }: { entry: EntryView; onOpen: () => void }) {
  const withdrawn = e.status === 'withdrawn';
  return (
    <div
      className={`${styles.item} ${withdrawn ? styles.withdrawn : ''}`}
      role="button"
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(ev) => { if (ev.key === 'Enter') onOpen(); }}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Space size={8} wrap>
          <Typography.Text strong>{formatDate(e.occurredOn)}</Typography.Text>
          <KindTag code={e.kind} name={e.kindName} />
          <Typography.Text type="secondary">{e.sourceDeptName}</Typography.Text>
          {e.refNo && <Typography.Text type="secondary">{e.refNo}</Typography.Text>}
        </Space>
        <Space size={6}>
          <SensitivityTag level={e.sensitivity} />
          <VersionTag version={e.version} />
          <EntryStatusTag status={e.status} />
        </Space>
      </Flex>
      {e.redacted
        ? <div className={styles.summary}><WithheldText /></div>
        : <Typography.Paragraph className={styles.summary} ellipsis={{ rows: 2 }} delete={withdrawn}>{e.summary}</Typography.Paragraph>}
      {e.outcome && (
        <Typography.Paragraph className={styles.line} ellipsis={{ rows: 1 }} type="secondary">处理结果：{e.outcome}</Typography.Paragraph>
      )}
      {e.impactUntil && (
        <div className={styles.line}>
          <Typography.Text type={impactActive(e.impactUntil) && !withdrawn ? 'danger' : 'secondary'}>
            影响期至 {formatDate(e.impactUntil)}
          </Typography.Text>
          {e.impactBasis && <Typography.Text type="secondary">（{e.impactBasis}）</Typography.Text>}
          {!impactActive(e.impactUntil) && <Typography.Text type="secondary">，已届满</Typography.Text>}
        </div>
      )}
      {e.status === 'returned' && e.reviewReason && (
        <div className={styles.line}><Typography.Text type="warning">退回原因：{e.reviewReason}</Typography.Text></div>
      )}
    </div>
  );
}
