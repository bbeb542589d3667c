/** The centred card of the login and change-password pages. */
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import styles from './auth-card.module.css';

const PLATFORM_TITLE = 'Jiandu（监督）· 一把手和领导班子管理监督平台';

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className={styles.page}>
      <div className={styles.platform}>
        <span className={styles.mark}>监</span>
        <Typography.Title level={3} style={{ margin: 0 }}>{PLATFORM_TITLE}</Typography.Title>
      </div>
      <Card className={styles.card} title={title}>
        {children}
      </Card>
      <Typography.Text type="secondary" className={styles.footer}>
        本系统涉及干部敏感信息，所有查询与操作均记入审计日志。
      </Typography.Text>
    </div>
  );
}
