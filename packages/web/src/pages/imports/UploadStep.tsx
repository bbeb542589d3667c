/**
 * 选择类别与文件: kind (members: their own kinds only; 干部名册 for cadre:write), 来源单位 (supervisors, not
 * for a roster), strict mode, the file. The file is read in the browser and sent as the request body; the
 * server answers with the header it found.
 */
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Form, Progress, Typography, Upload, type SelectProps } from 'antd';
import { ORG_IMPORT_KIND, ORG_IMPORT_KIND_NAME, ROSTER_KIND, ROSTER_KIND_NAME, isOrgImportKind, isRosterKind } from '@jiandu/domain';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { importsApi, type ImportPreview } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { OrgSelect } from '../../components/OrgSelect';
import { useDepartments, useEntryKinds } from '../../components/entry-form/use-ledger-meta';
import { useServerForm } from '../../lib/use-server-form';
import { storePreview } from './use-import';
import { SearchSelect } from '../../components/SearchSelect';

interface Values {
  kind?: string;
  source?: string;
  strict?: boolean;
  /** 干部名册: default unit of new cadres, and tenures. */
  orgId?: string;
  tenures?: boolean;
}

const MAX_BYTES = 200 * 1024 * 1024;

function fileProblem(file: File): string | null {
  if (!/\.(xlsx|csv)$/iu.test(file.name)) {
    return /\.xls$/iu.test(file.name) ? '不支持旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 后再上传' : '只能上传 .xlsx 或 .csv 文件';
  }
  if (file.size === 0) return '文件是空的';
  if (file.size > MAX_BYTES) return '文件不能超过 200 MB';
  return null;
}

export function UploadStep() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const kinds = useEntryKinds();
  const depts = useDepartments();
  // Same rule as the server: who may write the ledger imports for any department; others as their own.
  const supervisor = me.can('entry:write');
  const { form, errorAlert, setError, onMutate, onError } = useServerForm<Values>(['kind', 'source']);
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState(0);
  const kindCode = Form.useWatch('kind', form);
  const kind = kinds.data?.find((k) => k.code === kindCode);
  // 干部名册 writes cadres: offered to who may (the server says the same), never with a 来源单位.
  const rosterAllowed = me.can('cadre:write');
  const roster = kindCode === ROSTER_KIND;
  // 组织机构 (the org tree) writes units: offered to who may maintain them, never with a 来源单位.
  const orgsAllowed = me.can('org:write');
  const orgTree = kindCode === ORG_IMPORT_KIND;
  const templateOf = roster ? { code: ROSTER_KIND, name: ROSTER_KIND_NAME } : orgTree ? { code: ORG_IMPORT_KIND, name: ORG_IMPORT_KIND_NAME } : kind;
  const ledgerKinds = (kinds.data ?? []).map((k) => ({ value: k.code, label: k.name }));
  const kindOptions: SelectProps['options'] = rosterAllowed || orgsAllowed
    ? [
      ...(orgsAllowed ? [{ label: '组织机构', options: [{ value: ORG_IMPORT_KIND, label: '组织机构（单位名录）' }] }] : []),
      ...(rosterAllowed ? [{ label: '干部信息', options: [{ value: ROSTER_KIND, label: '干部名册（花名册）' }] }] : []),
      // The 系统管理员 imports the org tree only: no ledger kinds.
      ...(me.can('entry:import') ? [{ label: '台账记录', options: ledgerKinds }] : []),
    ]
    : ledgerKinds;
  const sources = (depts.data ?? []).filter((d) => !kind || kind.departments.includes(d.code));

  // One department submits the kind: choose it; else keep the choice only if it still fits.
  const fitSource = (code: string | undefined) => {
    const k = kinds.data?.find((x) => x.code === code);
    const fits = (depts.data ?? []).filter((d) => k?.departments.includes(d.code));
    const current = form.getFieldValue('source') as string | undefined;
    if (fits.length === 1) form.setFieldValue('source', fits[0]!.code);
    else if (current && !fits.some((d) => d.code === current)) form.setFieldValue('source', undefined);
  };
  // A kind given in the address (/imports/new?kind=代码或中文名), once the lists are there.
  const kindParam = params.get('kind');
  useEffect(() => {
    if (!kindParam || !kinds.data || !depts.data || form.getFieldValue('kind')) return;
    if (rosterAllowed && isRosterKind(kindParam)) {
      form.setFieldValue('kind', ROSTER_KIND);
      return;
    }
    if (orgsAllowed && isOrgImportKind(kindParam)) {
      form.setFieldValue('kind', ORG_IMPORT_KIND);
      return;
    }
    const k = kinds.data.find((x) => x.code === kindParam || x.name === kindParam);
    if (!k) return;
    form.setFieldValue('kind', k.code);
    fitSource(k.code);
    // fitSource and form read the form's current values; the lists and the parameter are what matter.
  }, [kindParam, kinds.data, depts.data]);

  const upload = useMutation({
    onMutate,
    onError,
    mutationFn: (v: Values) => {
      setPercent(0);
      return importsApi.upload(
        {
          kind: v.kind!, source: supervisor && v.kind !== ROSTER_KIND && v.kind !== ORG_IMPORT_KIND ? v.source : undefined, name: file!.name, strict: !!v.strict,
          ...(v.kind === ROSTER_KIND ? { orgId: v.orgId, tenures: !!v.tenures } : {}),
        }, file!, setPercent,
      );
    },
    onSuccess: (r: ImportPreview) => {
      storePreview(qc, r);
      void navigate(`/imports/${r.batch.id}`, { replace: true });
    },
  });

  const submit = (v: Values) => {
    if (!file) {
      setError('请选择要导入的文件');
      return;
    }
    upload.mutate(v);
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 720 }}
      requiredMark={false}
      initialValues={{ strict: false }}
      onFinish={submit}
      onValuesChange={(changed: Values) => {
        if ('kind' in changed) fitSource(changed.kind);
      }}
    >
      {errorAlert}
      <Form.Item
        name="kind"
        label={rosterAllowed || orgsAllowed ? '导入类别' : '台账类别'}
        rules={[{ required: true, message: rosterAllowed || orgsAllowed ? '请选择导入类别' : '请选择台账类别' }]}
        extra={templateOf && (
          <>
            <Button type="link" size="small" icon={<DownloadOutlined />} href={importsApi.templateUrl(templateOf.code)} style={{ paddingInline: 0 }}>
              下载“{templateOf.name}”导入模板（含{roster || orgTree ? '' : '下拉选项、'}示例行和填写说明）
            </Button>
            {orgTree && (
              <div>
                每行一个单位：上级单位写名称、简称或行政区划代码，上级在表中或已在系统中均可，先后顺序不限；单位类别、层级按习惯写法即可（如党委工作部门、政府组成部门、镇、街道办事处、乡科级）。
                检查后显示将建立的组织机构树（新增、更新），确认后才写入；同一上级下已有的同名单位不会重复建立。
              </div>
            )}
            {roster && (
              <div>
                每行一名干部：按身份证号（没有时按姓名＋出生年月）匹配系统中的干部，找不到的新建，所在单位依次按“单位”列、
                “现任职务”中的单位（如“临江县财政局局长”“县委组织部部长”）、下面选择的默认单位确定。
                检查后逐行列出将新建、更新（含逐项差异）的干部，确认后才写入。也可直接上传现有的花名册，表头可在标题行之下。
              </div>
            )}
          </>
        )}
      >
        <SearchSelect
          placeholder="选择要导入的记录类别"
          loading={kinds.isPending}
          options={kindOptions}
        />
      </Form.Item>
      {roster && (
        <>
          <Form.Item name="orgId" label="默认单位（可不选）" extra="“单位”列为空、“现任职务”中也认不出单位时，新干部录入此单位；已有干部的所在单位不变。">
            <OrgSelect placeholder="输入单位名称查找" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="tenures" valuePropName="checked" extra="按“现任职务”在所在单位的领导班子中建立任职（职务、是否一把手，开始日期取“任现职时间”，没有时为导入当天）；已有该班子任职的干部不重复建立。">
            <Checkbox>同时建立任职</Checkbox>
          </Form.Item>
        </>
      )}
      {roster || orgTree ? null : supervisor ? (
        <Form.Item name="source" label="来源单位" rules={[{ required: true, message: '请选择来源单位' }]} extra="文件由哪个单位提供；记录的来源单位即为此单位">
          <SearchSelect placeholder={kind ? '选择来源单位' : '请先选择台账类别'} disabled={!kind} loading={depts.isPending}
            options={sources.map((d) => ({ value: d.code, label: d.name }))} />
        </Form.Item>
      ) : (
        <Form.Item label="来源单位" extra="导入的记录作为本单位的报送，经组织部审核采纳后生效">
          <Typography.Text strong>{me.departmentName}</Typography.Text>
        </Form.Item>
      )}
      <Form.Item name="strict" valuePropName="checked" extra="不勾选时，只导入没有问题的行，有问题的行可下载修改后再次导入。">
        <Checkbox>严格模式：任何一行有问题，整个文件都不导入</Checkbox>
      </Form.Item>
      <Form.Item label="文件" required>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          fileList={file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : []}
          beforeUpload={(f) => {
            const problem = fileProblem(f);
            setError(problem);
            setFile(problem ? null : f);
            return false;
          }}
          onRemove={() => setFile(null)}
          disabled={upload.isPending}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">点击或将文件拖到此处</p>
          <p className="ant-upload-hint">Excel（.xlsx）或 CSV 文件，不超过 200 MB；表头可在第一行，也可在标题行之下，两行合并表头也可识别</p>
        </Upload.Dragger>
      </Form.Item>
      {upload.isPending && (
        <Progress percent={percent} status="active" format={(p) => (p === 100 ? '识别表头…' : `${p}%`)} style={{ marginBottom: 16 }} />
      )}
      <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={upload.isPending}>
        上传并识别表头
      </Button>
    </Form>
  );
}
