/**
 * The cadre's photo in the proportions of a 1-inch ID photo (105×140), a placeholder when there is none,
 * and for cadre:write 更换照片 (JPEG or PNG, at most 2 MB; the server checks the content and audits it).
 */
import { UploadOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { cadresApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { cadreKeys } from '../../api/queries/cadres';

const W = 105;
const H = 140;
const MAX_BYTES = 2 * 1024 * 1024;

const frame: React.CSSProperties = {
  width: W, height: H, border: '1px solid #f0f0f0', borderRadius: 4, background: '#fafafa', overflow: 'hidden', flex: 'none',
};

function Placeholder() {
  return (
    <Flex vertical align="center" justify="center" gap={6} style={frame} aria-label="暂无照片">
      <UserOutlined style={{ fontSize: 44, color: '#d9d9d9' }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>暂无照片</Typography.Text>
    </Flex>
  );
}

function fileProblem(f: File): string | null {
  if (!/\.(jpe?g|png)$/iu.test(f.name) && !/^image\/(jpeg|png)$/u.test(f.type)) return '只能上传 JPG 或 PNG 图片';
  if (f.size > MAX_BYTES) return '照片不能超过 2 MB';
  if (f.size === 0) return '文件是空的';
  return null;
}

interface Props {
  cadreId: string;
  name: string;
  /** From the profile; undefined for a server that does not say (then the image is tried). */
  hasPhoto: boolean | undefined;
}

export function CadrePhoto({ cadreId, name, hasPhoto }: Props) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  // Bumped after a change: a new address, so the browser does not show the old picture.
  const [version, setVersion] = useState(0);
  const [broken, setBroken] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: (f: File) => cadresApi.uploadPhoto(cadreId, f),
    onMutate: () => setProblem(null),
    onSuccess: () => {
      setVersion(Date.now());
      setBroken(false);
      void qc.invalidateQueries({ queryKey: cadreKeys.detail(cadreId) });
      message.success('照片已更换');
    },
    onError: (e) => setProblem(errorMessage(e)),
  });

  const shown = (hasPhoto !== false || version > 0) && !broken;
  return (
    <Flex vertical align="center" gap={8} style={{ width: W + 16, flex: 'none' }}>
      {shown ? (
        <img src={cadresApi.photoUrl(cadreId, version)} alt={`${name}的照片`} width={W} height={H}
          style={{ ...frame, objectFit: 'cover', display: 'block' }} onError={() => setBroken(true)} />
      ) : <Placeholder />}
      {me.can('cadre:write') && (
        <Upload
          accept=".jpg,.jpeg,.png,image/jpeg,image/png"
          showUploadList={false}
          beforeUpload={(f) => {
            const p = fileProblem(f);
            if (p) setProblem(p);
            else upload.mutate(f);
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>{shown ? '更换照片' : '上传照片'}</Button>
        </Upload>
      )}
      {problem && <Typography.Text type="danger" style={{ fontSize: 12, textAlign: 'center' }}>{problem}</Typography.Text>}
    </Flex>
  );
}
