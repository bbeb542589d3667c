/** The ledger's dictionaries (enumerations), each an editable tag list; disciplineMeasure by category. Saved on its own. */
import type { DictionariesBody } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Row } from 'antd';
import { useState } from 'react';
import { ruleSettingsApi } from '../../api/endpoints';
import { applyIssues } from './settings-form';
import { TagListInput } from './TagListInput';
import { ledgerKeys } from '../../api/queries/ledger';
import { ruleKeys } from '../../api/queries/rules';

export const DICTIONARY_NAMES: Record<string, string> = {
  dflzGrade: '党风廉政建设考核等次',
  xcxcProblemCategory: '巡视巡察问题类别',
  rectificationStatus: '整改状态',
  cadreAssessmentGrade: '干部年度考核等次',
  teamAssessmentGrade: '班子年度考核等次',
  gbccCheckType: '个人有关事项查核方式',
  gbccResult: '个人有关事项查核结果',
  gbccHandling: '个人有关事项查核处理',
  auditType: '经济责任审计类型',
  auditConclusion: '经济责任审计结论',
  talkForm: '约谈诫勉形式',
  petitionChannel: '信访举报渠道',
  petitionStatus: '信访办理状态',
  petitionResult: '信访核查结果',
  disciplineCategory: '处分与处理类别',
  disciplineMeasure: '处分与处理方式（按类别）',
  judicialCategory: '法院、检察院、公安记录类别',
  awardLevel: '表彰奖励级别',
  sensitivity: '敏感程度',
  heartTalkForm: '谈心谈话形式',
  talkTrigger: '谈心谈话触发情形',
  trainingType: '教育培训类型',
  researchType: '调查研究类型',
  decisionMatterType: '“三重一大”事项类型',
  threeDistinctions: '“三个区分开来”情形',
  exemptionDecision: '容错纠错结论',
};

type Dict = Record<string, unknown>;
const isList = (v: unknown): v is string[] => Array.isArray(v);
const isNested = (v: unknown): v is Record<string, string[]> => !!v && typeof v === 'object' && !Array.isArray(v);

interface Props {
  dictionaries: Dict;
  canEdit: boolean;
}

export function DictionariesPanel({ dictionaries, canEdit }: Props) {
  const [form] = Form.useForm<Dict>();
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const keys = Object.keys(dictionaries);
  const lists = keys.filter((k) => isList(dictionaries[k]));
  const nested = keys.filter((k) => isNested(dictionaries[k]));

  const save = useMutation({
    mutationFn: (v: Dict) => {
      const body: DictionariesBody = {};
      for (const k of lists) body[k] = (v[k] as string[] | undefined) ?? [];
      for (const k of nested) body[k] = { ...(v[k] as Record<string, string[]>) };
      return ruleSettingsApi.saveDictionaries(body);
    },
    onMutate: () => setError(null),
    onError: (e) => setError(applyIssues(form, e)),
    onSuccess: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: ruleKeys.settings }), qc.invalidateQueries({ queryKey: ledgerKeys.kinds })]);
      void message.success('字典已保存');
    },
  });

  const required = (label: string) => [{ type: 'array' as const, min: 1, message: `${label}至少保留一项` }];
  return (
    <Form form={form} layout="vertical" initialValues={dictionaries} disabled={!canEdit} onFinish={(v) => save.mutate(v)}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="字典是台账录入时的可选项。删除某项不影响已录入的记录，但新录入、更正时不能再选它；处分与处理方式的名称同时用于影响期的设置。"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 0]}>
        {lists.map((k) => (
          <Col xs={24} lg={12} xxl={8} key={k}>
            <Form.Item name={k} label={DICTIONARY_NAMES[k] ?? k} rules={required(DICTIONARY_NAMES[k] ?? k)}>
              <TagListInput id={`dict-${k}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {nested.map((k) => (
        <Card size="small" key={k} title={DICTIONARY_NAMES[k] ?? k} style={{ marginBottom: 16 }}>
          <Row gutter={[16, 0]}>
            {Object.keys(dictionaries[k] as Record<string, string[]>).map((cat) => (
              <Col xs={24} lg={12} key={cat}>
                <Form.Item name={[k, cat]} label={cat} rules={required(cat)}>
                  <TagListInput id={`dict-${k}-${cat}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
      ))}
      {canEdit && (
        <Button type="primary" htmlType="submit" loading={save.isPending}>保存字典</Button>
      )}
    </Form>
  );
}
