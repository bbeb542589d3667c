/**
 * 安全策略 (security:admin): the policy in force, edited as a form — password rules, lockout, session time
 * limits and request limits. Each save is a new version, audited with what changed (before and after);
 * the page shows who changed it last. Below: the live sessions.
 */
import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { RATE_LIMIT_LABELS, type RateLimitName, type SecurityPolicy, type SecurityPolicyView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Space, Typography, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { securityApi } from '../../api/endpoints';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { TagListInput } from '../rule-settings/TagListInput';
import { MfaCard } from './MfaCard';
import { SessionsCard } from './SessionsCard';
import { securityKeys } from '../../api/queries/security';

interface NumberField {
  name: string[];
  label: string;
  unit: string;
  min: number;
  max: number;
  extra?: string;
}

const PASSWORD: NumberField[] = [
  { name: ['password', 'minLength'], label: '最短长度', unit: '位', min: 8, max: 64, extra: '建议 12 位以上' },
  { name: ['password', 'maxLength'], label: '最大长度', unit: '位', min: 64, max: 256 },
  { name: ['password', 'minClasses'], label: '字符类别至少', unit: '类', min: 2, max: 4, extra: '大写字母、小写字母、数字、符号' },
  { name: ['password', 'historyCount'], label: '不得重复最近', unit: '次', min: 0, max: 24, extra: '0 表示不检查' },
  { name: ['password', 'expiryDays'], label: '密码有效期', unit: '天', min: 0, max: 365, extra: '到期后登录须先修改密码；0 表示永不过期' },
];
const LOCKOUT: NumberField[] = [
  { name: ['maxFailedLogins'], label: '连续登录失败', unit: '次', min: 3, max: 20, extra: '达到后锁定账号' },
  { name: ['lockMinutes'], label: '锁定时长', unit: '分钟', min: 1, max: 1440 },
];
const SESSION: NumberField[] = [
  { name: ['sessionIdleMinutes'], label: '空闲超时', unit: '分钟', min: 5, max: 120, extra: '无操作超过此时长须重新登录' },
  { name: ['sessionAbsoluteHours'], label: '最长登录时间', unit: '小时', min: 1, max: 24, extra: '自登录起算，到时须重新登录' },
];
const LIMITS = Object.entries(RATE_LIMIT_LABELS) as Array<[RateLimitName, string]>;

function NumberItem({ f }: { f: NumberField }) {
  return (
    <Form.Item name={f.name} label={f.label} extra={f.extra} rules={[{ required: true, message: `请填写${f.label}` }]}>
      <InputNumber id={`policy-${f.name.join('-')}`} min={f.min} max={f.max} precision={0} suffix={f.unit} style={{ width: 180 }} />
    </Form.Item>
  );
}

/** The form's values are the policy itself; the view's extra fields are dropped. */
function policyOf(v: SecurityPolicyView): SecurityPolicy {
  const { pbkdf2Iterations: _i, version: _v, updatedAt: _a, updatedByLogin: _b, ...policy } = v;
  return policy;
}

/** 'body.policy.password.minLength' → ['password', 'minLength']. */
function fieldOf(path: string): string[] {
  return path.replace(/^body\.?/u, '').replace(/^policy\.?/u, '').split('.').filter(Boolean);
}

export default function SecurityPolicyPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SecurityPolicy>();
  const [error, setError] = useState<string | null>(null);
  const policy = useQuery({ queryKey: securityKeys.policy, queryFn: securityApi.policy });
  const p = policy.data;

  useEffect(() => {
    if (p) form.setFieldsValue(policyOf(p));
  }, [p, form]);

  const save = useMutation({
    mutationFn: (values: SecurityPolicy) => securityApi.savePolicy({ baseVersion: p!.version, policy: { ...policyOf(p!), ...values } }),
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      qc.setQueryData(securityKeys.policy, saved);
      void message.success(saved.version === p?.version ? '安全策略没有变化' : `安全策略已保存（第 ${saved.version} 版），已记入审计日志`);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.issues.length > 0) {
        (form as unknown as FormInstance).setFields(e.issues.map((i) => ({ name: fieldOf(i.path), errors: [i.message] })));
      }
      setError(errorMessage(e));
    },
  });

  return (
    <>
      <PageTitle title="安全策略" />
      {policy.error && <Alert type="error" showIcon title={errorMessage(policy.error)} style={{ marginBottom: 16 }} />}
      {!p ? <Card><Skeleton active /></Card> : (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={p.version === 0
              ? '当前为系统内置的默认安全策略，尚未修改过。'
              : `当前为第 ${p.version} 版安全策略，由 ${p.updatedByLogin ?? '—'} 于 ${formatDateTime(p.updatedAt)} 修改。`}
            description="每次保存生成新版本，改了哪些项、改前改后都记入审计日志。会话时限和登录锁定立即生效；密码规则在下次修改密码时生效。"
          />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => save.mutate(v)} disabled={save.isPending}>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card size="small" title="密码规则" style={{ height: '100%' }}>
                  <Row gutter={16}>
                    {PASSWORD.map((f) => <Col xs={24} md={12} key={f.name.join('.')}><NumberItem f={f} /></Col>)}
                  </Row>
                  <Form.Item
                    name={['password', 'extraWords']}
                    label="禁用词"
                    extra="密码不得包含这些词（如本地地名、单位简称的拼音）。常见密码及其变形、键盘序列、重复片段、登录名、单位名称及其拼音、“组织部”“jiandu”等总是禁止。"
                  >
                    <TagListInput id="policy-password-extraWords" maxLength={40} placeholder="输入后按回车添加，如 qingchuan" />
                  </Form.Item>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    密码以 PBKDF2-SM3 存储（{p.pbkdf2Iterations.toLocaleString('zh-CN')} 次迭代）；新建和重置的账号使用一次性密码，首次登录须修改。
                  </Typography.Text>
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Space direction="vertical" size={16} style={{ width: '100%' }}>
                  <Card size="small" title="登录锁定">
                    <Row gutter={16}>{LOCKOUT.map((f) => <Col xs={24} md={12} key={f.name.join('.')}><NumberItem f={f} /></Col>)}</Row>
                  </Card>
                  <Card size="small" title="会话时限">
                    <Row gutter={16}>{SESSION.map((f) => <Col xs={24} md={12} key={f.name.join('.')}><NumberItem f={f} /></Col>)}</Row>
                  </Card>
                </Space>
              </Col>
              <Col span={24}>
                <Card size="small" title="请求频率限制" extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>超过后返回“请求过于频繁”，并记入审计日志</Typography.Text>}>
                  <Row gutter={[16, 0]}>
                    {LIMITS.map(([key, label]) => (
                      <Col xs={24} md={12} xl={8} key={key}>
                        <Form.Item label={label} required={false} style={{ marginBottom: 12 }}>
                          <Space.Compact>
                            <Form.Item name={['rateLimits', key, 'windowSeconds']} noStyle rules={[{ required: true, message: '请填写时间窗口' }]}>
                              <InputNumber id={`policy-${key}-window`} min={1} max={86_400} precision={0} prefix="每" suffix="秒" style={{ width: 150 }} />
                            </Form.Item>
                            <Form.Item name={['rateLimits', key, 'max']} noStyle rules={[{ required: true, message: '请填写次数' }]}>
                              <InputNumber id={`policy-${key}-max`} min={1} max={100_000} precision={0} prefix="至多" suffix="次" style={{ width: 160 }} />
                            </Form.Item>
                          </Space.Compact>
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </Card>
              </Col>
            </Row>
            <Space style={{ marginTop: 16, marginBottom: 24 }}>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>保存安全策略</Button>
              <Button icon={<UndoOutlined />} onClick={() => { form.setFieldsValue(policyOf(p)); setError(null); }}>撤销未保存的修改</Button>
            </Space>
          </Form>
        </>
      )}
      <MfaCard />
      <SessionsCard />
    </>
  );
}
