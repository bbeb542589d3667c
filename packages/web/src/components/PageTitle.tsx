/** The title line of a page, with its actions on the right. */
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export function PageTitle({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex align="center" justify="space-between" gap={16} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
        {extra}
      </Flex>
      {children}
    </div>
  );
}
