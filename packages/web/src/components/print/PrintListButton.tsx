/**
 * 打印 a list (台账, 预警, 待办): every row of the current filter, up to PRINT_LIMIT (loaded page by page),
 * as a plain sheet — a title, the filters, a table whose header repeats on every page — with a clear note
 * when the limit cut it short. Only the sheet is printed; the screen does not change.
 */
import { PrinterOutlined } from '@ant-design/icons';
import type { PrintBody } from '@jiandu/domain';
import { App, Button } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { errorMessage } from '../../api/client';
import type { Page } from '../../api/endpoints';
import { recordPrint } from './PrintButton';

export const PRINT_LIMIT = 2000;
const PAGE = 200;

export interface PrintColumn<T> {
  title: string;
  /** Width in the sheet, e.g. '12%'. */
  width?: string;
  value: (row: T) => ReactNode;
}

interface Props<T> {
  page: PrintBody['page'];
  title: string;
  /** The filters in words (全部 when none). */
  filtersText: string;
  /** The filters as in the address bar (recorded in the audit log). */
  filters?: string;
  fetchPage: (cursor: string | undefined, limit: number) => Promise<Page<T>>;
  columns: Array<PrintColumn<T>>;
  rowKey: (row: T) => string;
}

interface Sheet<T> { rows: T[]; capped: boolean }

export function PrintListButton<T>({ page, title, filtersText, filters, fetchPage, columns, rowKey }: Props<T>) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [sheet, setSheet] = useState<Sheet<T> | null>(null);

  const load = async () => {
    setBusy(true);
    try {
      const rows: T[] = [];
      let cursor: string | undefined;
      let more = true;
      while (more && rows.length < PRINT_LIMIT) {
        const p = await fetchPage(cursor, Math.min(PAGE, PRINT_LIMIT - rows.length));
        rows.push(...p.items);
        cursor = p.nextCursor ?? undefined;
        more = !!p.nextCursor;
      }
      recordPrint({ page, rows: rows.length, filters });
      setSheet({ rows, capped: more });
    } catch (e) {
      message.error(`打印前读取数据失败：${errorMessage(e)}`);
      setBusy(false);
    }
  };

  // Once the sheet is in the page: print it, then take it away.
  useEffect(() => {
    if (!sheet) return;
    const cleanup = () => {
      document.body.classList.remove('printing-sheet');
      setSheet(null);
      setBusy(false);
    };
    document.body.classList.add('printing-sheet');
    const t = setTimeout(() => {
      window.addEventListener('afterprint', cleanup, { once: true });
      window.print();
    }, 50);
    return () => {
      clearTimeout(t);
      window.removeEventListener('afterprint', cleanup);
      document.body.classList.remove('printing-sheet');
    };
  }, [sheet]);

  return (
    <>
      <Button icon={<PrinterOutlined />} loading={busy} onClick={() => void load()} data-testid="print-button">打印</Button>
      {sheet && createPortal(
        <div className="print-sheet" data-testid="print-sheet">
          <h1>{title}</h1>
          <div className="print-sheet-meta">筛选条件：{filtersText || '全部'}{'\u3000'}共打印 {sheet.rows.length} 条</div>
          <table>
            <thead>
              <tr><th style={{ width: '5%', whiteSpace: 'nowrap' }}>序号</th>{columns.map((c) => <th key={c.title} style={{ width: c.width }}>{c.title}</th>)}</tr>
            </thead>
            <tbody>
              {sheet.rows.map((r, i) => (
                <tr key={rowKey(r)}><td>{i + 1}</td>{columns.map((c) => <td key={c.title}>{c.value(r)}</td>)}</tr>
              ))}
            </tbody>
          </table>
          <div className="print-sheet-note">
            {sheet.capped
              ? `本次最多打印 ${PRINT_LIMIT} 条，已打印前 ${sheet.rows.length} 条；筛选结果多于此数，请缩小筛选范围分次打印，或导出 Excel。`
              : `筛选结果共 ${sheet.rows.length} 条，已全部打印。`}
          </div>
        </div>,
        document.body,
      )}
    </>
  );
}
