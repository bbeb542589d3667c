/**
 * 新增 / 更正 a ledger entry. The common fields are fixed; the details are generated from the kind's schema.
 * A correction is a new version: it asks for a reason and sends the version it corrects (409 when stale).
 */
import type { EntryView, SENSITIVITY } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Divider, Form, Input, Modal, Spin, Typography } from 'antd';
import { useRef, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { entriesApi, type LedgerSide } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { CommonFields } from './CommonFields';
import { DetailsFields } from './DetailsFields';
import { entryFormErrorOf, type EntryFormError } from './errors';
import { cleanDetails, defaultsOf, fieldsOf } from './schema';
import { subjectBody, type Subject } from './subject';
import { useDepartments, useEntryKinds, useKind } from './use-ledger-meta';
import { ledgerKeys } from '../../api/queries/ledger';

/** `prefill`: a new entry started from elsewhere (a warning's 函询 / 诫勉) with its kind and details filled in. */
export type EntryFormPrefill = Pick<Values, 'kind' | 'sourceDept' | 'summary' | 'details' | 'occurredOn'>;
/**
 * create: optionally prefilled — a 待办's 登记谈话 (the kind, the cadre, the trigger noted, and `notice` — e.g.
 * the deadline — shown above the form), or `prefill` with the values as they are (a warning's 函询 / 诫勉).
 */
export type EntryFormTarget = {
  mode: 'create'; subject?: Subject; kind?: string; summary?: string; details?: Record<string, unknown>; notice?: string; prefill?: EntryFormPrefill;
} | { mode: 'correct'; entry: EntryView };

interface Values {
  subject?: Subject;
  kind?: string;
  sourceDept?: string;
  occurredOn?: string;
  refNo?: string;
  summary?: string;
  outcome?: string;
  sensitivity?: string;
  details?: Record<string, unknown>;
  reason?: string;
}

interface Props {
  side: LedgerSide;
  target: EntryFormTarget;
  onClose: () => void;
  onSaved?: (entryId: string) => void;
}

const text = (s?: string | null) => s?.trim() || null;

function initialValues(target: EntryFormTarget, kinds: ReturnType<typeof useEntryKinds>['data']): Values {
  if (target.mode === 'create') {
    if (target.prefill) return { subject: target.subject, sensitivity: '一般', details: {}, ...target.prefill };
    const kind = target.kind ? kinds?.find((k) => k.code === target.kind) : undefined;
    if (!kind) return { subject: target.subject, sensitivity: '一般', details: {} };
    return {
      subject: target.subject, sensitivity: '一般', kind: kind.code, summary: target.summary,
      sourceDept: kind.departments.length === 1 ? kind.departments[0] : undefined,
      details: { ...defaultsOf(fieldsOf(kind.detailsSchema)), ...target.details },
    };
  }
  const e = target.entry;
  const subject: Subject | undefined = e.cadreId ? { type: 'cadre', id: e.cadreId, name: e.cadreName ?? '' }
    : e.teamId ? { type: 'team', id: e.teamId, name: e.teamName ?? '' } : undefined;
  return {
    subject, occurredOn: e.occurredOn, refNo: e.refNo ?? undefined, summary: e.summary, outcome: e.outcome ?? undefined,
    sensitivity: e.sensitivity, details: e.details,
  };
}

function titleOf(side: LedgerSide, target: EntryFormTarget): string {
  if (target.mode === 'create') return side === 'submissions' ? '新增报送' : '新增台账记录';
  const e = target.entry;
  return side === 'submissions' && e.status === 'returned' ? `更正并重新报送 · ${e.kindName}` : `更正记录 · ${e.kindName}（第${e.version}版）`;
}

export function EntryFormModal({ side, target, onClose, onSaved }: Props) {
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<EntryFormError | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const submission = useRef<{ body: string; key: string } | null>(null);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const kinds = useEntryKinds();
  const departments = useDepartments();
  const correcting = target.mode === 'correct' ? target.entry : null;
  const chosenKind = Form.useWatch('kind', form) ?? (target.mode === 'create' ? target.kind : undefined);
  const { fields } = useKind(correcting?.kind ?? chosenKind);
  // An entry about both a cadre and a team (possible through the API) keeps both.
  const bothSubjects = !!correcting?.cadreId && !!correcting.teamId;

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const common = {
        ...(bothSubjects ? { cadreId: correcting.cadreId, teamId: correcting.teamId } : subjectBody(v.subject)),
        occurredOn: v.occurredOn, refNo: text(v.refNo), summary: v.summary?.trim(), outcome: text(v.outcome),
        sensitivity: v.sensitivity as (typeof SENSITIVITY)[number], details: cleanDetails(fields, v.details),
      };
      if (correcting) {
        await entriesApi.correct(side, correcting.entryId, { ...common, baseVersion: correcting.version, reason: v.reason?.trim() });
        return correcting.entryId;
      }
      const body = { ...common, kind: v.kind, ...(side === 'entries' ? { sourceDept: v.sourceDept } : {}) };
      // One Idempotency-Key per submission: made when the form is submitted, reused by the client's automatic
      // retry, and again if the same unchanged form is submitted after a lost answer — never a second entry.
      const json = JSON.stringify(body);
      if (submission.current?.body !== json) submission.current = { body: json, key: newIdempotencyKey() };
      const r = await entriesApi.create(side, body, submission.current.key);
      submission.current = null;
      return r.entryId;
    },
    onMutate: () => setError(null),
    onSuccess: async (entryId) => {
      message.success(side === 'submissions' ? (correcting ? '已重新报送，待组织部审核' : '已报送，待组织部审核') : correcting ? '已保存更正（新版本）' : '已新增台账记录');
      await queryClient.invalidateQueries({ queryKey: ledgerKeys.all });
      onSaved?.(entryId);
      onClose();
    },
    onError: (e) => {
      const err = entryFormErrorOf(form, e, fields);
      setError(err);
      // The alert sits at the top of a scrolled body: bring the field with the issue, or the alert, into view.
      setTimeout(() => (err.field ? form.scrollToField(err.field, { block: 'center' }) : alertRef.current?.scrollIntoView({ block: 'nearest' })));
    },
  });

  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: ledgerKeys.all });
    message.info('已重新加载最新版本，请在最新版本上重新操作');
    onClose();
  };

  const onKindChange = (code: string) => {
    const kind = kinds.data?.find((k) => k.code === code);
    form.setFieldValue('details', defaultsOf(fieldsOf(kind?.detailsSchema)));
    const dept = form.getFieldValue('sourceDept') as string | undefined;
    if (kind && (!dept || !kind.departments.includes(dept))) {
      form.setFieldValue('sourceDept', kind.departments.length === 1 ? kind.departments[0] : undefined);
    }
  };

  const loading = kinds.isPending || departments.isPending;
  return (
    <Modal
      open
      width={820}
      title={titleOf(side, target)}
      okText={correcting ? (side === 'submissions' && correcting.status === 'returned' ? '重新报送' : '保存更正') : side === 'submissions' ? '报送' : '保存'}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: loading || !!error?.stale }}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      styles={{ body: { maxHeight: 'calc(100vh - 240px)', overflowY: 'auto', paddingRight: 8 } }}
    >
      <div ref={alertRef} />
      {error && (
        <Alert
          type={error.stale ? 'warning' : 'error'}
          showIcon
          title={error.message}
          style={{ marginBottom: 16 }}
          action={error.stale ? <Button size="small" type="primary" onClick={() => void reload()}>重新加载</Button> : undefined}
        />
      )}
      {correcting?.status === 'returned' && correcting.reviewReason && (
        <Alert type="warning" showIcon title={`退回原因：${correcting.reviewReason}`} style={{ marginBottom: 16 }} />
      )}
      {target.mode === 'create' && target.notice && <Alert type="info" showIcon title={target.notice} style={{ marginBottom: 16 }} />}
      {kinds.error && <Alert type="error" showIcon title="无法读取台账类别，请刷新后重试" style={{ marginBottom: 16 }} />}
      {loading ? <Spin style={{ display: 'block', margin: '40px auto' }} /> : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={initialValues(target, kinds.data)}
          onFinish={(v) => save.mutate(v)}
          onValuesChange={(changed: Partial<Values>) => { if (changed.kind) onKindChange(changed.kind); }}
          scrollToFirstError
        >
          <CommonFields
            kinds={kinds.data ?? []}
            departments={departments.data ?? []}
            kindFixed={correcting ? { kindName: correcting.kindName, sourceDeptName: correcting.sourceDeptName } : undefined}
            ownDepartment={side === 'submissions' ? (me.departmentName ?? '本单位') : undefined}
            subjectFixed={(target.mode === 'create' && !!target.subject) || bothSubjects}
            cadreLookup={side === 'submissions' ? 'exact' : 'search'}
            kindCode={correcting?.kind ?? chosenKind}
          />
          {fields.length > 0 && <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>类别详情</Divider>}
          {!correcting && !chosenKind && <Typography.Text type="secondary">选择类别后填写该类别的详情。</Typography.Text>}
          <DetailsFields fields={fields} />
          {correcting && (
            <Form.Item label="更正原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写更正原因' }, { max: 500 }]}
              extra="更正会生成新版本，原版本保留可查。">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
