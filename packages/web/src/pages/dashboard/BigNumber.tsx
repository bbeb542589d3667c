/** A number of the 工作台 that is a link to the records it counts. */
import { Link } from 'react-router';
import styles from './dashboard.module.css';

interface Props {
  label: string;
  value: number;
  to: string;
  color?: string;
  unit?: string;
  testId?: string;
  title?: string;
}

export function BigNumber({ label, value, to, color, unit = '条', testId, title }: Props) {
  return (
    <Link to={to} className={styles.number} data-testid={testId} title={title ?? `查看${label}`}>
      <div className={styles.numberLabel}>{label}</div>
      <div className={styles.numberValue} style={{ color }}>
        {value.toLocaleString('zh-CN')}<span className={styles.numberUnit}>{unit}</span>
      </div>
    </Link>
  );
}
