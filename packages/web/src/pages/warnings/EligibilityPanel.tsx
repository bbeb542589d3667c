/**
 * 使用资格（凡提必查）of one cadre: 可以使用 / 暂缓 / 不宜 with the reasons, each with its end and evidence, the
 * entries that no longer count (已不计入) and why, and the printable 任前廉政意见 (.docx).
 */
import type { EligibilityView } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, List, Space, Spin, Tag, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { eligibilityApi } from '../../api/endpoints';
import { ExportButton } from '../../components/ExportButton';
import { formatDate } from '../../lib/format';
import { EvidenceList } from './EvidenceList';
import { eligibilityKeys } from '../../api/queries/warnings';

type Result = EligibilityView['result'];
const RESULT_COLOURS: Record<Result, string> = { 可以使用: 'green', 暂缓: 'orange', 不宜: 'red' };
const RESULT_HINTS: Record<Result, string> = {
  可以使用: '未发现影响使用的情形。',
  暂缓: '存在需要先查清或等待期满的情形，建议暂缓使用。',
  不宜: '存在影响使用的情形，不宜提拔或重用。',
};

export function ResultTag({ result, large = false }: { result: Result; large?: boolean }) {
  return (
    <Tag color={RESULT_COLOURS[result]} style={large ? { fontSize: 18, lineHeight: '32px', padding: '0 14px', marginInlineEnd: 0 } : { marginInlineEnd: 0 }}>
      {result}
    </Tag>
  );
}

export function EligibilityPanel({ cadreId }: { cadreId: string }) {
  const q = useQuery({ queryKey: eligibilityKeys.of(cadreId), queryFn: () => eligibilityApi.get(cadreId) });
  if (q.isPending) return <Spin />;
  if (q.error) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  const e = q.data;

  return (
    <div data-testid="eligibility">
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space size={16} align="center">
          <ResultTag result={e.result} large />
          <div>
            <div>{RESULT_HINTS[e.result]}</div>
            <Typography.Text type="secondary">
              {e.cadre.name} · {e.cadre.title ?? e.cadre.orgName} · 截至 {formatDate(e.asOf)}
            </Typography.Text>
          </div>
        </Space>
        <ExportButton href={eligibilityApi.docxUrl(cadreId)} label="下载任前廉政意见（.docx）" />
      </Flex>
      {e.reasons.length > 0 && (
        <List
          itemLayout="vertical"
          dataSource={e.reasons}
          rowKey={(r) => `${r.rule}-${r.explanation}`}
          renderItem={(r) => (
            <List.Item>
              <Space size={8} wrap style={{ marginBottom: 4 }}>
                <ResultTag result={r.verdict} />
                <Typography.Text strong>{r.rule}</Typography.Text>
                {r.until && <Typography.Text type="secondary">至 {formatDate(r.until)}</Typography.Text>}
              </Space>
              <div style={{ marginBottom: 4 }}>{r.explanation}</div>
              {r.evidence.length > 0 && (
                <Card size="small" styles={{ body: { padding: '0 12px' } }}>
                  <EvidenceList items={r.evidence} />
                </Card>
              )}
            </List.Item>
          )}
        />
      )}
      {e.discounted.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>已不计入（{e.discounted.length}）</Typography.Title>
          <Typography.Paragraph type="secondary">以下记录的不利影响已消除（免责、失实或诬告、已撤销等），不影响使用，列出备查。</Typography.Paragraph>
          <List
            size="small"
            bordered
            dataSource={e.discounted}
            rowKey="entryId"
            renderItem={(d) => (
              <List.Item>
                <div style={{ width: '100%' }}>
                  <Space size={8}><Tag style={{ marginInlineEnd: 0 }}>已不计入</Tag><Typography.Text>{d.why}</Typography.Text></Space>
                  {d.evidence && <EvidenceList items={[d.evidence]} />}
                </div>
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}
