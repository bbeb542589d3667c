/**
 * An export as a plain download link: the session cookie goes along and the browser saves the file under
 * the server's name. The server records every export in the audit log, which the tooltip says.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';

interface Props {
  href: string;
  label: string;
  size?: 'small' | 'middle';
  type?: 'default' | 'link';
}

export function ExportButton({ href, label, size, type = 'default' }: Props) {
  return (
    <Tooltip title="导出记入审计日志">
      <Button href={href} download size={size} type={type} icon={<DownloadOutlined />}>{label}</Button>
    </Tooltip>
  );
}
