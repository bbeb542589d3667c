/**
 * 附件 of an entry in the detail drawer: name (a download link), type and size; 上传附件 for those who may
 * change the entry (the 组织部 with entry:write; a member department on its own pending or returned
 * submission), never on a withdrawn one. The file goes up as it is; the server judges its type by content
 * and answers in Chinese (a renamed file, too large …). Uploads and downloads are audited.
 */
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { EntryView } from '@jiandu/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Progress, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import { attachmentsApi, type LedgerSide } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { ledgerKeys } from '../../api/queries/ledger';

type Attachment = NonNullable<EntryView['attachments']>[number];

const MAX_BYTES = 20 * 1024 * 1024;
/** What the server accepts (it checks the content, not the name): the picker offers these. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.ofd,.txt';
const ACCEPTED_TEXT = '可上传 PDF、JPG、PNG、Word、Excel（不含宏）、OFD、TXT，不超过 20 MB';

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG 图片',
  'image/png': 'PNG 图片',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel 工作簿',
  'application/ofd': 'OFD 版式文件',
  'text/plain': '纯文本',
};

function typeName(mime: string): string {
  return TYPE_NAMES[mime.split(';')[0]!.trim()] ?? mime;
}

/** 1023 B → 1023 B, 15 KB, 1.5 MB. */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface Props {
  side: LedgerSide;
  entry: EntryView;
}

export function EntryAttachments({ side, entry: e }: Props) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  /** The last refusal stays under the button (the server's reasons are long: a renamed file, macros …). */
  const [failed, setFailed] = useState<{ name: string; message: string } | null>(null);
  const items = e.attachments ?? [];
  const member = side === 'submissions';
  const canUpload = member
    ? me.can('entry:submit') && (e.status === 'pending' || e.status === 'returned')
    : me.can('entry:write') && e.status !== 'withdrawn';

  const upload = async (file: File) => {
    setFailed(null);
    if (file.size > MAX_BYTES) {
      setFailed({ name: file.name, message: `文件大小 ${formatSize(file.size)}，附件不能超过 20 MB` });
      return;
    }
    setProgress(0);
    try {
      await attachmentsApi.upload(side, e.entryId, file, setProgress);
      message.success(`已上传“${file.name}”`);
      await queryClient.invalidateQueries({ queryKey: ledgerKeys.entry(side, e.entryId) });
    } catch (err) {
      setFailed({ name: file.name, message: errorMessage(err) });
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      {items.length > 0 ? (
        <Table<Attachment>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          columns={[
            {
              title: '文件名', dataIndex: 'fileName',
              render: (name: string, a) => (
                <a href={attachmentsApi.url(side, a.id)} download={name} title="下载（记入审计日志）">
                  <PaperClipOutlined style={{ marginInlineEnd: 6 }} />{name}
                </a>
              ),
            },
            { title: '类型', dataIndex: 'mime', width: 120, render: (v: string) => typeName(v) },
            { title: '大小', dataIndex: 'size', width: 90, align: 'right', render: (v: number) => formatSize(v) },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">暂无附件。</Typography.Text>
      )}
      {canUpload && (
        <Flex align="center" gap={12} wrap style={{ marginTop: 12 }}>
          <Button icon={<UploadOutlined />} loading={progress !== null} onClick={() => input.current?.click()}>上传附件</Button>
          {progress !== null
            ? <Progress percent={progress} size="small" style={{ width: 200, margin: 0 }} />
            : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{ACCEPTED_TEXT}；上传、下载均记入审计日志。</Typography.Text>}
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            hidden
            onChange={(ev) => {
              const file = ev.target.files?.[0];
              ev.target.value = '';
              if (file) void upload(file);
            }}
          />
        </Flex>
      )}
      {failed && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setFailed(null) }}
          style={{ marginTop: 12 }}
          title={`“${failed.name}”未能上传`}
          description={failed.message}
        />
      )}
      {!canUpload && member && e.status === 'accepted' && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>已采纳的记录由组织部补充附件。</Typography.Text>
      )}
    </>
  );
}
