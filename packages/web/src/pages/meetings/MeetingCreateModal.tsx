/** 登记联席会议 (meeting:write): the convening 组织部, the day it was held and its name. */
import type { MeetingCreateBody } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { meetingsApi } from '../../api/endpoints';
import { useServerForm } from '../../lib/use-server-form';
import { dashboardKeys } from '../../api/queries/dashboard';
import { meetingKeys } from '../../api/queries/meetings';
import { obligationKeys } from '../../api/queries/obligations';
import { SearchSelect } from '../../components/SearchSelect';

interface Values {
  convenerId: string;
  heldOn: Dayjs;
  title: string;
}

const FIELDS = ['convenerId', 'heldOn', 'title'] as const satisfies ReadonlyArray<keyof MeetingCreateBody>;

export function MeetingCreateModal({ onClose }: { onClose: () => void }) {
  const sf = useServerForm<Values>(FIELDS);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const conveners = useQuery({ queryKey: meetingKeys.conveners, queryFn: meetingsApi.conveners, staleTime: 10 * 60_000 });
  const only = conveners.data?.length === 1 ? conveners.data[0]?.id : undefined;
  // One convener in the jurisdiction (a county): it is the one.
  useEffect(() => {
    if (only && !sf.form.getFieldValue('convenerId')) sf.form.setFieldValue('convenerId', only);
  }, [only, sf.form]);

  const create = useMutation({
    mutationFn: (v: Values) => meetingsApi.create({ convenerId: v.convenerId, heldOn: v.heldOn.format('YYYY-MM-DD'), title: v.title }),
    onMutate: sf.onMutate,
    onError: sf.onError,
    onSuccess: async (m) => {
      // A meeting fulfils the half-yearly obligation: the 待办 and the 工作台 change with it.
      await Promise.all([meetingKeys.all, obligationKeys.all, dashboardKeys.all].map((queryKey) => qc.invalidateQueries({ queryKey })));
      void message.success(`已登记：${m.title}`);
      onClose();
    },
  });

  return (
    <Modal open title="登记联席会议" okText="保存" confirmLoading={create.isPending} onOk={() => sf.form.submit()} onCancel={onClose} destroyOnHidden>
      {sf.errorAlert}
      <Typography.Paragraph type="secondary">干部监督联席会议每半年至少召开一次。登记后，该召集单位本半年度的联席会议待办即为完成。</Typography.Paragraph>
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
        <Form.Item name="heldOn" label="召开日期" rules={[{ required: true, message: '请选择召开日期' }]}>
          <DatePicker id="heldOn" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="title" label="会议名称" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }, { max: 200, message: '会议名称不超过200字' }]}>
          <Input id="title" placeholder={`如：${dayjs().year()}年上半年干部监督联席会议`} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
