/**
 * The actions on an entry: 更正 / 撤销 (entry:write, or a member department on its own pending or returned
 * submission), 采纳 / 退回 (entry:review, when pending). A stale version (409) offers to reload.
 */
import type { EntryView } from '@jiandu/domain';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { entriesApi, type LedgerSide } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { ReasonModal } from './ReasonModal';
import { ledgerKeys } from '../../api/queries/ledger';

interface Props {
  side: LedgerSide;
  entry: EntryView;
  onCorrect: () => void;
}

type Asking = 'withdraw' | 'return' | null;

export function EntryActions({ side, entry: e, onCorrect }: Props) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [asking, setAsking] = useState<Asking>(null);
  const [accepting, setAccepting] = useState(false);

  const reload = () => queryClient.invalidateQueries({ queryKey: ledgerKeys.all });
  /** Runs an action; a 409 becomes a dialog that reloads, other errors go back to the caller. */
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        modal.warning({ title: '记录已发生变化', content: err.message, okText: '重新加载', onOk: () => reload() });
        return;
      }
      throw err;
    }
    message.success(done);
    await reload();
  };

  const accept = async () => {
    setAccepting(true);
    try {
      await run(() => entriesApi.review(e.entryId, { decision: 'accepted', baseVersion: e.version }), '已采纳');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setAccepting(false);
    }
  };

  const member = side === 'submissions';
  const canChange = member ? e.status === 'pending' || e.status === 'returned' : me.can('entry:write') && e.status !== 'withdrawn';
  const canReview = !member && me.can('entry:review') && e.status === 'pending';
  if (!canChange && !canReview) return null;

  return (
    <Space wrap>
      {canReview && (
        <>
          <Popconfirm title="采纳这条报送？" description="采纳后记录生效，计入台账。" okText="采纳" cancelText="取消" onConfirm={() => accept()}>
            <Button type="primary" loading={accepting}>采纳</Button>
          </Popconfirm>
          <Button onClick={() => setAsking('return')}>退回</Button>
        </>
      )}
      {canChange && (
        <>
          <Button type={canReview ? 'default' : 'primary'} onClick={onCorrect}>{member && e.status === 'returned' ? '更正并重新报送' : '更正'}</Button>
          <Button danger onClick={() => setAsking('withdraw')}>撤销</Button>
        </>
      )}
      {asking === 'withdraw' && (
        <ReasonModal
          title="撤销记录"
          okText="确定撤销"
          danger
          note="撤销不会删除记录：将生成一个带原因的撤销版本，原有各版本仍可查阅。"
          onClose={() => setAsking(null)}
          onSubmit={(reason) => run(() => entriesApi.withdraw(side, e.entryId, { baseVersion: e.version, reason }), '已撤销')}
        />
      )}
      {asking === 'return' && (
        <ReasonModal
          title="退回报送"
          okText="退回"
          note={`退回后由${e.sourceDeptName}更正后重新报送，或由其撤销。退回原因将告知报送单位。`}
          onClose={() => setAsking(null)}
          onSubmit={(reason) => run(() => entriesApi.review(e.entryId, { decision: 'returned', reason, baseVersion: e.version }), '已退回')}
        />
      )}
    </Space>
  );
}
