/**
 * 新建联席会议 (meeting:write): the convening 组织部, the day, its name and place, the agenda period's start and
 * the members' proposal cutoff. Creating it compiles the agenda (version 1); the page then opens the meeting.
 */
import type { MeetingCreateBody, MeetingView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Flex, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { meetingsApi } from '../../api/endpoints';
import { useServerForm } from '../../lib/use-server-form';
import { dashboardKeys } from '../../api/queries/dashboard';
import { meetingKeys } from '../../api/queries/meetings';
import { obligationKeys } from '../../api/queries/obligations';
import { SearchSelect } from '../../components/SearchSelect';
import { useCurrentUser } from '../../app/auth';
import { ownConvener } from './labels';

interface Values {
  convenerId: string;
  heldOn: Dayjs;
  title: string;
  location?: string;
  since?: Dayjs;
  proposalCutoff?: Dayjs;
}

const FIELDS = ['convenerId', 'heldOn', 'title', 'location', 'since', 'proposalCutoff'] as const satisfies ReadonlyArray<keyof MeetingCreateBody>;

export function MeetingCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated?: (m: MeetingView) => void }) {
  const sf = useServerForm<Values>(FIELDS);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const conveners = useQuery({ queryKey: meetingKeys.conveners, queryFn: meetingsApi.conveners, staleTime: 10 * 60_000 });
  const me = useCurrentUser();
  // The convener of the user's own area (a county's only one) is proposed.
  const only = ownConvener(conveners.data, me.scopeOrgName)?.id;
  useEffect(() => {
    if (only && !sf.form.getFieldValue('convenerId')) sf.form.setFieldValue('convenerId', only);
  }, [only, sf.form]);

  const create = useMutation({
    mutationFn: (v: Values) => meetingsApi.create({
      convenerId: v.convenerId, heldOn: v.heldOn.format('YYYY-MM-DD'), title: v.title, location: v.location?.trim() || undefined,
      since: v.since?.format('YYYY-MM-DD'), proposalCutoff: v.proposalCutoff?.format('YYYY-MM-DD'),
    }),
    onMutate: sf.onMutate,
    onError: sf.onError,
    onSuccess: async (m) => {
      // A meeting fulfils the half-yearly obligation: the 待办 and the 工作台 change with it.
      await Promise.all([meetingKeys.all, obligationKeys.all, dashboardKeys.all].map((queryKey) => qc.invalidateQueries({ queryKey })));
      void message.success(`已新建：${m.title}，议题已汇总（${m.subjects} 项）`);
      onClose();
      onCreated?.(m);
    },
  });

  return (
    <Modal open title="新建联席会议" okText="新建并汇总议题" confirmLoading={create.isPending} onOk={() => sf.form.submit()} onCancel={onClose} destroyOnHidden width={600}>
      {sf.errorAlert}
      <Typography.Paragraph type="secondary">
        干部监督联席会议每半年至少召开一次。新建后系统即按召集单位的管辖范围汇总议题（上次会议以来的台账、红黄预警、存在问题的班子、成员单位提请的事项），召开前可重新汇总。
      </Typography.Paragraph>
      <Form<Values>
        form={sf.form}
        layout="vertical"
        initialValues={{ heldOn: dayjs() }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="convenerId" label="召集单位" rules={[{ required: true, message: '请选择召集单位' }]}>
          <SearchSelect
            id="convenerId"
            showSearch
            placeholder="选择召集的组织部（可输入名称或拼音首字母）"
            loading={conveners.isPending}
            options={(conveners.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            notFoundContent="管辖范围内没有可召集的组织部"
          />
        </Form.Item>
        <Form.Item name="heldOn" label="会议日期" rules={[{ required: true, message: '请选择召开日期' }]}>
          <DatePicker id="heldOn" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="title" label="会议名称" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }, { max: 200, message: '会议名称不超过200字' }]}>
          <Input id="title" placeholder={`如：${dayjs().year()}年${dayjs().month() < 6 ? '上' : '下'}半年干部监督联席会议`} maxLength={200} />
        </Form.Item>
        <Form.Item name="location" label="会议地点" rules={[{ max: 100, message: '会议地点不超过100字' }]}>
          <Input id="location" placeholder="如：市委组织部三楼会议室" maxLength={100} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="since" label="议题起算日期" style={{ flex: 1 }} extra="不填：上次会议的次日（没有上次会议时为半年前）">
            <DatePicker id="since" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="proposalCutoff" label="成员单位提请截止" style={{ flex: 1 }} extra="截止后成员单位不能再提请议题">
            <DatePicker id="proposalCutoff" style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
