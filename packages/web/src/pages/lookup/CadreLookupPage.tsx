/**
 * 干部查找 (cadre:lookup): member departments find a cadre by exact 身份证号, or exact name + unit — never browse.
 * The unit is found by name (org:search: each with its parent, to tell same-named units apart); no org tree.
 */
import type { CadreLookupResult } from '@jiandu/domain';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Table } from 'antd';
import { useState } from 'react';
import { cadresApi } from '../../api/endpoints';
import { OrgSelect } from '../../components/OrgSelect';
import { PageTitle } from '../../components/PageTitle';
import { useServerForm } from '../../lib/use-server-form';

type Mode = 'id' | 'name';
interface Values {
  idNumber?: string;
  name?: string;
  orgId?: string;
}

export default function CadreLookupPage() {
  const [mode, setMode] = useState<Mode>('id');
  const { form, onMutate, onError, errorAlert, setError } = useServerForm<Values>(['idNumber', 'name', 'orgId']);
  const lookup = useMutation({
    mutationFn: (v: Values) => cadresApi.lookup(mode === 'id'
      ? { idNumber: v.idNumber?.replace(/\s/gu, '') }
      : { name: v.name?.trim(), orgId: v.orgId }),
    onMutate,
    onError,
  });

  const switchMode = (m: Mode) => {
    setMode(m);
    lookup.reset();
    setError(null);
    form.resetFields();
  };

  return (
    <>
      <PageTitle title="干部查找" />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="只能精确查找：按完整身份证号，或按姓名加所在单位。每次查找都记入审计日志。"
      />
      <Card style={{ marginBottom: 16 }}>
        <Segmented<Mode>
          value={mode}
          onChange={switchMode}
          options={[{ value: 'id', label: '按身份证号' }, { value: 'name', label: '按姓名和单位' }]}
          style={{ marginBottom: 16 }}
        />
        {errorAlert}
        <Form<Values> form={form} layout="inline" onFinish={(v) => lookup.mutate(v)} style={{ rowGap: 12 }}>
          {mode === 'id' ? (
            <Form.Item label="身份证号" name="idNumber" rules={[{ required: true, whitespace: true, message: '请填写完整身份证号' }]}>
              <Input style={{ width: 260 }} maxLength={18} placeholder="18位公民身份号码" autoComplete="off" />
            </Form.Item>
          ) : (
            <>
              <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                <Input style={{ width: 160 }} autoComplete="off" />
              </Form.Item>
              <Form.Item label="所在单位" name="orgId" rules={[{ required: true, message: '请选择所在单位' }]}>
                <OrgSelect style={{ width: 360 }} />
              </Form.Item>
            </>
          )}
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={lookup.isPending}>查找</Button>
          </Form.Item>
        </Form>
      </Card>
      {lookup.data && (
        <Card title={lookup.data.length > 0 ? `找到 ${lookup.data.length} 人` : '查找结果'}>
          <Table<CadreLookupResult>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={lookup.data}
            locale={{ emptyText: '未找到匹配的干部。请核对身份证号，或姓名与所在单位是否准确。' }}
            columns={[
              { title: '姓名', dataIndex: 'name', width: 140 },
              { title: '单位', dataIndex: 'orgName' },
              { title: '现任职务', dataIndex: 'currentTitle', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Card>
      )}
    </>
  );
}
