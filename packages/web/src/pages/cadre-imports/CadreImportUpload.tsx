/**
 * 上传任免审批表: the unit of new cadres, then one file — a .lrmx, a .lrm, or a .zip of many (a .lrm with
 * its .pic photo must be zipped together). The API takes one file per upload, so several files dropped
 * at once are refused with how to zip them. The server answers with the finished preview (or `checking`
 * for a large batch), and the page moves to the report.
 */
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Progress, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { cadreImportsApi } from '../../api/endpoints';
import { OrgSelect } from '../../components/OrgSelect';
import { useServerForm } from '../../lib/use-server-form';
import { storeCadreImport } from './use-cadre-import';

const MAX_BYTES = 100 * 1024 * 1024;

const ZIP_HINT = '多个任免审批表请先压缩成一个 .zip 文件再上传（Windows：选中这些文件 → 右键 →“发送到”→“压缩(zipped)文件夹”）；'
  + '.lrm 文件须与同名的 .pic 照片放在同一个压缩包中。';

function fileProblem(file: File): string | null {
  if (/\.pic$/iu.test(file.name)) return `.pic 是 .lrm 任免审批表的照片，不能单独上传：${ZIP_HINT}`;
  if (!/\.(lrmx|lrm|zip)$/iu.test(file.name)) return '只能上传 .lrmx、.lrm 任免审批表，或它们的 .zip 压缩包';
  if (file.size === 0) return '文件是空的';
  if (file.size > MAX_BYTES) return '文件不能超过 100 MB；请分成几个压缩包上传';
  return null;
}

interface Values {
  orgId?: string;
}

export function CadreImportUpload() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { form, errorAlert, setError, onMutate, onError } = useServerForm<Values>(['orgId']);
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState(0);

  const upload = useMutation({
    onMutate,
    onError,
    mutationFn: (v: Values) => {
      setPercent(0);
      return cadreImportsApi.upload(file!, v.orgId, setPercent);
    },
    onSuccess: (view) => {
      storeCadreImport(qc, view);
      void navigate(`/cadre-imports/${view.id}`, { replace: true });
    },
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 720 }}
      requiredMark={false}
      onFinish={(v) => (file ? upload.mutate(v) : setError('请选择要导入的文件'))}
    >
      {errorAlert}
      <Form.Item
        name="orgId"
        label="新干部的所在单位"
        extra="系统里还没有的干部录入“现任职务”（工作单位及职务）中写明的单位；认不出单位时录入此处选择的单位。已有干部的所在单位不变（调动请在任职中办理）。只更新已有干部时可不选。"
      >
        <OrgSelect placeholder="输入单位名称查找" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="文件" required>
        <Upload.Dragger
          accept=".lrmx,.lrm,.zip,.pic"
          multiple
          fileList={file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : []}
          beforeUpload={(f, list) => {
            if (list.length > 1) {
              // Called once per file: say it once, for the first.
              if (f === list[0]) {
                setError(`一次只能上传一个文件（您选择了 ${list.length} 个）。${ZIP_HINT}`);
                setFile(null);
              }
              return false;
            }
            const problem = fileProblem(f);
            setError(problem);
            setFile(problem ? null : f);
            return false;
          }}
          onRemove={() => setFile(null)}
          disabled={upload.isPending}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">点击或将文件拖到此处</p>
          <p className="ant-upload-hint">
            一个 .lrmx 或 .lrm 任免审批表；多个任免审批表请压缩成一个 .zip（可含子文件夹，.lrm 须连同同名的 .pic 照片），不超过 100 MB
          </p>
        </Upload.Dragger>
      </Form.Item>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="上传后先预览，不会立即写入"
        description="按身份证号查找系统中的干部，没有身份证号时按姓名＋出生年月；找不到的将新建。每个文件单独列出将新建、更新（逐项列出差异）还是无变化，有错误的文件不影响其他文件。确认后才导入。"
      />
      {upload.isPending && (
        <Progress percent={percent} status="active" format={(p) => (p === 100 ? '读取和比对…' : `${p}%`)} style={{ marginBottom: 16 }} />
      )}
      <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={upload.isPending}>
        上传并预览
      </Button>
    </Form>
  );
}
