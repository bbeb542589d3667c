/**
 * 检查: the progress of the background check (the user may leave), then the counts and the problems
 * by row and column, with the rejected rows as an annotated Excel file.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { ORG_IMPORT_KIND, ROSTER_KIND, type ImportBatchView } from '@jiandu/domain';
import { Alert, Button, Card, Col, Flex, Progress, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { importsApi } from '../../api/endpoints';
import { IssuesTable } from './IssuesTable';
import { count } from './labels';
import { useRosterCounts } from './RosterChanges';
import { OrgCounts } from './OrgTreeChanges';

export function CheckProgress({ batch }: { batch: ImportBatchView }) {
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Typography.Text>
        {batch.kind === ORG_IMPORT_KIND ? <>正在检查“{batch.fileName}”：读完整个文件后按上级单位排成树，核对类别、层级并与系统中的单位比对……</> : batch.kind === ROSTER_KIND
          ? <>正在逐行检查“{batch.fileName}”：核对身份证号、日期和单位，并与系统中的干部逐一比对……</>
          : <>正在逐行检查“{batch.fileName}”：核对干部身份、选项、日期和数字，并查找已导入过的记录……</>}
      </Typography.Text>
      {batch.status === 'queued' && <Alert type="warning" showIcon title="排队中：服务器正在检查其他导入（每个账号同时只检查一个），轮到时自动开始。" />}
      <Progress percent={batch.progress} status="active" />
      <Typography.Text type="secondary">已检查 {count(batch.rows)} 行</Typography.Text>
      <Alert type="info" showIcon title={<>检查在服务器上进行，可以离开此页面，稍后在“<Link to="/imports">台账导入</Link>”中继续。</>} />
    </Flex>
  );
}

function Stat({ title, value, color, hint }: { title: string; value: number; color?: string; hint?: string }) {
  return (
    <Card size="small" title={null} style={{ height: '100%' }}>
      <Statistic title={title} value={value} styles={{ content: color ? { color } : {} }} />
      {hint && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text>}
    </Card>
  );
}

function RosterCounts({ batch }: { batch: ImportBatchView }) {
  const counts = useRosterCounts(batch);
  const n = (v: number | undefined) => v ?? 0;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={5}><Stat title="数据行" value={batch.rows} hint="每行一名干部（空行不计）" /></Col>
      <Col xs={12} lg={5}><Stat title="新建" value={n(counts?.create)} color="#389e0d" hint="系统中还没有的干部" /></Col>
      <Col xs={12} lg={5}><Stat title="更新" value={n(counts?.update)} color="#0958d9" hint="已有干部，见下方逐项差异" /></Col>
      <Col xs={12} lg={4}><Stat title="无变化" value={batch.duplicates} color="#8c8c8c" hint="与系统中相同，不写入" /></Col>
      <Col xs={12} lg={5}><Stat title="有问题" value={batch.rejected} color={batch.rejected ? '#cf1322' : undefined} hint="不会导入，见问题清单" /></Col>
    </Row>
  );
}

export function CheckCounts({ batch }: { batch: ImportBatchView }) {
  if (batch.kind === ROSTER_KIND) return <RosterCounts batch={batch} />;
  if (batch.kind === ORG_IMPORT_KIND) return <OrgCounts batch={batch} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={6}><Stat title="数据行" value={batch.rows} hint="表头以下的记录行（空行、合计行不计）" /></Col>
      <Col xs={12} lg={6}><Stat title="可导入" value={batch.valid} color="#389e0d" hint="检查通过的新记录" /></Col>
      <Col xs={12} lg={6}><Stat title="重复（已存在或文件内重复）" value={batch.duplicates} color="#8c8c8c" hint="不会重复添加" /></Col>
      <Col xs={12} lg={6}><Stat title="有问题" value={batch.rejected} color={batch.rejected ? '#cf1322' : undefined} hint="不会导入，见下方问题清单" /></Col>
    </Row>
  );
}

export function CheckProblems({ batch }: { batch: ImportBatchView }) {
  if (batch.rejected === 0) return <Alert type="success" showIcon title="没有发现问题" />;
  return (
    <Card
      size="small"
      title={`问题清单（${count(batch.rejected)} 行有问题）`}
      extra={(
        <Button icon={<DownloadOutlined />} href={importsApi.rejectsUrl(batch.id)} title="有问题的行，原样保留并在每行标注问题；改好后可直接再次导入">
          下载问题行（Excel）
        </Button>
      )}
    >
      <IssuesTable batch={batch} />
    </Card>
  );
}
