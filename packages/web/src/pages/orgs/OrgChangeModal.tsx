/**
 * Units as they change (机构改革, org:write): 更名 / 调整隶属 / 合并 / 撤销, each with its 生效日期 (not after
 * today: the registry changes at once) and 原因. The server checks scope, cycles, name clashes and what an
 * abolished unit may still hold, and answers in Chinese above the form.
 */
import type { OrgDetail, OrgNode } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { orgsApi } from '../../api/endpoints';
import { orgKeys } from '../../api/queries/orgs';
import { FormModal } from '../../components/FormModal';
import { OrgSelect } from '../../components/OrgSelect';
import { useServerForm } from '../../lib/use-server-form';

export type OrgChangeKind = 'rename' | 'move' | 'merge' | 'abolish';

interface Values {
  name?: string;
  shortName?: string;
  parentId?: string;
  intoId?: string;
  effectiveDate: Dayjs;
  reason?: string;
}

const FIELDS = ['name', 'shortName', 'parentId', 'intoId', 'effectiveDate', 'reason'] as const;

const TITLES: Record<OrgChangeKind, string> = { rename: '更名', move: '调整隶属关系', merge: '合并到其他单位', abolish: '撤销单位' };
const DONE: Record<OrgChangeKind, string> = { rename: '已更名', move: '已调整隶属关系', merge: '已合并', abolish: '已撤销' };

const INTROS: Record<OrgChangeKind, string> = {
  rename: '原名称保留为曾用名，导入花名册、台账时仍能按原名称找到本单位。',
  move: '本单位连同其下级单位一并调整到新的上级单位之下；其干部、台账、预警随之归入新上级的管辖范围。',
  merge: '本单位撤销并入所选单位：在职干部随转；领导班子成员在生效日期结束原任职、在并入单位的班子中重新任职（并入单位已有一把手的，原一把手转为班子成员）；下级单位调整到并入单位之下。本单位的台账和历史记录保留，可继续查看。',
  abolish: '撤销后本单位不能再选作新记录的单位，历史记录仍可查看。撤销前须先将其在职干部、领导班子成员和下级单位调整或合并到其他单位。',
};

interface Props {
  kind: OrgChangeKind;
  org: OrgDetail;
  onClose: () => void;
  /** After the change: the units whose children changed (to reload in the tree). */
  onDone: (node: OrgNode, parents: Array<string | null>) => void;
}

export function OrgChangeModal({ kind, org, onClose, onDone }: Props) {
  const { form, onMutate, onError, errorAlert } = useServerForm<Values>(FIELDS);
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const change = useMutation({
    mutationFn: (v: Values) => {
      const common = { effectiveDate: v.effectiveDate.format('YYYY-MM-DD'), reason: v.reason?.trim() || null };
      switch (kind) {
        case 'rename': return orgsApi.rename(org.id, { name: v.name!.trim(), shortName: v.shortName?.trim() || null, ...common });
        case 'move': return orgsApi.move(org.id, { parentId: v.parentId!, ...common });
        case 'merge': return orgsApi.merge(org.id, { intoId: v.intoId!, ...common });
        case 'abolish': return orgsApi.abolish(org.id, common);
      }
    },
    onMutate,
    onSuccess: async (node) => {
      message.success(`${DONE[kind]}：${node.name}`);
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
      onDone(node, [org.parentId, node.parentId, kind === 'merge' ? node.mergedIntoId : null]);
    },
    onError,
  });

  return (
    <FormModal
      width={560}
      title={`${TITLES[kind]} · ${org.name}`}
      okText={kind === 'abolish' ? '确定撤销' : kind === 'merge' ? '确定合并' : '保存'}
      okButtonProps={kind === 'abolish' || kind === 'merge' ? { danger: true } : undefined}
      form={form}
      pending={change.isPending}
      errorAlert={errorAlert}
      onClose={onClose}
      intro={<Typography.Paragraph type="secondary">{INTROS[kind]}</Typography.Paragraph>}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => change.mutate(v)}
        initialValues={{ name: org.name, shortName: org.shortName ?? undefined, effectiveDate: dayjs() }}
      >
        {kind === 'rename' && (
          <>
            <Form.Item label="新名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写新名称' }, { max: 100 }]}>
              <Input />
            </Form.Item>
            <Form.Item label="简称" name="shortName" rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
          </>
        )}
        {kind === 'move' && (
          <Form.Item label="新的上级单位" name="parentId" rules={[{ required: true, message: '请选择新的上级单位' }]}>
            <OrgSelect id="parentId" />
          </Form.Item>
        )}
        {kind === 'merge' && (
          <Form.Item label="并入单位" name="intoId" rules={[{ required: true, message: '请选择并入的单位' }]}>
            <OrgSelect id="intoId" />
          </Form.Item>
        )}
        <Form.Item label="生效日期" name="effectiveDate" rules={[{ required: true, message: '请选择生效日期' }]}>
          <DatePicker id="effectiveDate" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="原因" name="reason" rules={[{ max: 200 }]} extra="如：机构改革方案文号">
          <Input.TextArea id="reason" rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
