/**
 * 打印 (issue 12 §5): records the print in the audit log (a failure there does not stop it), lets the page
 * get ready (expand every section, load what it prints), then opens the browser's print dialog.
 */
import { PrinterOutlined } from '@ant-design/icons';
import type { PrintBody } from '@jiandu/domain';
import type { QueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useState } from 'react';
import { summaryApi } from '../../api/endpoints';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the page has rendered and its queries have answered (at most `timeoutMs`). */
export async function settled(qc: QueryClient, timeoutMs = 15_000): Promise<void> {
  await sleep(60);
  const end = Date.now() + timeoutMs;
  while (qc.isFetching() > 0 && Date.now() < end) await sleep(100);
  await sleep(250);
}

export function recordPrint(body: PrintBody): void {
  void summaryApi.print(body).catch(() => undefined);
}

interface Props {
  record: PrintBody;
  /** Makes the page ready to print (resolves when it is). */
  prepare?: () => Promise<void>;
  /** After the dialog closes (the browser's afterprint). */
  done?: () => void;
  label?: string;
}

export function PrintButton({ record, prepare, done, label = '打印' }: Props) {
  const [busy, setBusy] = useState(false);
  const print = async () => {
    setBusy(true);
    try {
      recordPrint(record);
      if (prepare) await prepare();
      // Back to the screen's layout once the dialog is closed (printed or cancelled).
      if (done) window.addEventListener('afterprint', done, { once: true });
      window.print();
    } finally {
      setBusy(false);
    }
  };
  return <Button icon={<PrinterOutlined />} loading={busy} onClick={() => void print()} data-testid="print-button">{label}</Button>;
}
