/**
 * Each printed page's footer: 打印人 (the signed-in user's display name) and 打印时间 on the left, the page
 * number on the right, as CSS page-margin boxes set just before printing (the browser's beforeprint, so Ctrl+P
 * gets them too).
 */
import { useEffect } from 'react';

const STYLE_ID = 'print-footer-style';

/** A CSS string literal. */
const cssString = (s: string) => `"${s.replace(/["\\\n\r]/gu, (c) => (c === '"' || c === '\\' ? `\\${c}` : ' '))}"`;

function printTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function setPrintFooter(printer: string, at: Date = new Date()): void {
  let el = document.getElementById(STYLE_ID) as HTMLStyleElement | null;
  if (!el) {
    el = document.createElement('style');
    el.id = STYLE_ID;
    document.head.appendChild(el);
  }
  const left = cssString(`打印人：${printer}\u3000打印时间：${printTime(at)}`);
  el.textContent = `@media print { @page {
    @bottom-left { content: ${left}; font-size: 8pt; color: #555; }
    @bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 8pt; color: #555; }
  } }`;
}

/** In the signed-in layout: the footer names this user at whatever moment the page is printed. */
export function usePrintFooter(printer: string): void {
  useEffect(() => {
    const onBefore = () => setPrintFooter(printer);
    window.addEventListener('beforeprint', onBefore);
    return () => window.removeEventListener('beforeprint', onBefore);
  }, [printer]);
}
