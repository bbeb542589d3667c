/**
 * No column silently dropped: after the check, the file's columns that feed no field (序号 aside) are
 * named — “未识别的列：整改完成情况，未导入” — each with a choice of the kind's fields that maps it and checks
 * the file again in one click; and how the columns were read (an annual result dated from its 年度).
 * After the import (`readOnly`) the same lines, without the choice, are part of the report.
 */
import { columnLetter, ignoredColumns, type ImportBatchView } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Flex, Space, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { importsApi } from '../../api/endpoints';
import { storeBatch, useImportFields, useImportPreview } from './use-import';
import { SearchSelect } from '../../components/SearchSelect';

export function UnmappedColumns({ batch, readOnly = false }: { batch: ImportBatchView; readOnly?: boolean }) {
  const qc = useQueryClient();
  const preview = useImportPreview(batch.id);
  const { fields } = useImportFields(batch.kind, preview);
  const remap = useMutation({
    mutationFn: ({ header, key }: { header: string; key: string }) => importsApi.check(batch.id, { overrides: { [header]: key } }),
    onSuccess: (b) => storeBatch(qc, b),
  });
  const left = new Set(ignoredColumns(batch.mapping));
  const columns = (batch.mapping?.columns ?? []).filter((c) => left.has(c.header));
  const notes = batch.mapping?.notes ?? [];
  if (columns.length === 0 && notes.length === 0) return null;
  const used = new Set((batch.mapping?.columns ?? []).map((c) => c.key).filter(Boolean));
  const byHand = (header: string) => Object.hasOwn(batch.overrides, header) && batch.overrides[header] === null;
  const unrecognised = columns.filter((c) => !byHand(c.header)).map((c) => c.header);
  const ignored = columns.filter((c) => byHand(c.header)).map((c) => c.header);

  return (
    <Flex vertical gap={8}>
      {notes.map((n) => <Alert key={n} type="info" showIcon title={n} />)}
      {columns.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={[
            unrecognised.length ? `未识别的列：${unrecognised.join('、')}，未导入` : '',
            ignored.length ? `已选择忽略的列：${ignored.join('、')}，未导入` : '',
          ].filter(Boolean).join('；')}
          description={readOnly ? undefined : (
            <Flex vertical gap={6}>
              <Typography.Text type="secondary">这些列的内容不会进入台账。如果某列其实是某个字段，请选择，系统将按新的对应关系重新检查：</Typography.Text>
              {columns.map((c) => (
                <Space key={c.index} wrap>
                  <Typography.Text>{columnLetter(c.index + 1)}列“<Typography.Text strong>{c.header}</Typography.Text>”</Typography.Text>
                  <SearchSelect
                    size="small"
                    style={{ width: 220 }}
                    placeholder="对应到字段并重新检查"
                    aria-label={`${c.header}对应的字段`}
                    showSearch
                    disabled={remap.isPending}
                    value={null}
                    onChange={(key: string) => remap.mutate({ header: c.header, key })}
                    options={fields.map((f) => ({ value: f.key, label: used.has(f.key) ? `${f.label}（已有对应列）` : f.label, disabled: used.has(f.key) }))}
                  />
                </Space>
              ))}
              {remap.error && <Typography.Text type="danger">{errorMessage(remap.error)}</Typography.Text>}
            </Flex>
          )}
        />
      )}
    </Flex>
  );
}
