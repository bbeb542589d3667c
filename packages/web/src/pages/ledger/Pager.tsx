/** 上一页 / 下一页 of a keyset-paginated list. */
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';

interface Props {
  pageNumber: number | null;
  hasPrev: boolean;
  nextCursor: string | null | undefined;
  busy: boolean;
  onPrev: () => void;
  onNext: (cursor: string) => void;
}

export function Pager({ pageNumber, hasPrev, nextCursor, busy, onPrev, onNext }: Props) {
  return (
    <Space>
      {pageNumber !== null && <Typography.Text type="secondary">第 {pageNumber} 页</Typography.Text>}
      <Button icon={<LeftOutlined />} disabled={!hasPrev || busy} onClick={onPrev}>上一页</Button>
      <Button disabled={!nextCursor || busy} onClick={() => nextCursor && onNext(nextCursor)}>下一页<RightOutlined /></Button>
    </Space>
  );
}
