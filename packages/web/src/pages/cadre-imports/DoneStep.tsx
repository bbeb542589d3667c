/** 完成: what was written — the counts, the created and updated cadres (links to their profiles), and the report. */
import type { CadreImportFileReport, CadreImportView } from '@jiandu/domain';
import { Button, Card, Flex, Result, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { FileReportTable } from './FileReportTable';
import { ImportCounts } from './PreviewStep';

const SHOWN = 60;

function CadreLinks({ title, files }: { title: string; files: CadreImportFileReport[] }) {
  if (files.length === 0) return null;
  return (
    <Flex gap={8} align="baseline">
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{title}（{files.length}）：</Typography.Text>
      <Space size={[12, 4]} wrap>
        {files.slice(0, SHOWN).map((f) => <Link key={f.file} to={`/cadres/${f.cadre.id}`}>{f.cadre.name}</Link>)}
        {files.length > SHOWN && <Typography.Text type="secondary">等 {files.length} 人，见下表</Typography.Text>}
      </Space>
    </Flex>
  );
}

export function DoneStep({ v }: { v: CadreImportView }) {
  const navigate = useNavigate();
  const written = v.report.filter((f) => f.written && f.cadre.id);
  const parts = [`新建 ${v.created} 人`, `更新 ${v.updated} 人`, `无变化 ${v.unchanged} 人`];
  if (v.failed > 0) parts.push(`未导入 ${v.failed} 个文件`);
  return (
    <Flex vertical gap={16}>
      <Result
        status={v.created + v.updated > 0 ? 'success' : 'info'}
        title={v.created + v.updated > 0 ? `已导入：${parts.slice(0, 2).join('、')}` : '没有写入任何干部信息'}
        subTitle={`${parts.join('，')}。${v.failed > 0 ? '未导入的文件及原因见下表，修改后可再次上传。' : ''}`}
        style={{ paddingBlock: 16 }}
        extra={(
          <Space wrap>
            <Button type="primary" onClick={() => void navigate('/cadres')}>查看干部列表</Button>
            <Button onClick={() => void navigate('/cadre-imports/new')}>继续导入其他文件</Button>
            <Button onClick={() => void navigate('/cadre-imports')}>返回我的导入</Button>
          </Space>
        )}
      />
      <ImportCounts v={v} done />
      {written.length > 0 && (
        <Card size="small" title="已导入的干部">
          <Flex vertical gap={8}>
            <CadreLinks title="新建" files={written.filter((f) => f.status === 'create')} />
            <CadreLinks title="更新" files={written.filter((f) => f.status === 'update')} />
          </Flex>
        </Card>
      )}
      <Card size="small" title="逐个文件的结果">
        <FileReportTable report={v.report} done />
      </Card>
    </Flex>
  );
}
