/** An editable list of short texts as tags: type and press Enter (or a comma) to add, × to remove. */
import { Select } from 'antd';

interface Props {
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
  maxLength?: number;
}

export function TagListInput({ value, onChange, id, disabled, placeholder = '输入后按回车添加', maxLength = 100 }: Props) {
  return (
    <Select
      id={id}
      mode="tags"
      open={false}
      suffixIcon={null}
      disabled={disabled}
      placeholder={placeholder}
      tokenSeparators={[',', '，', '、']}
      value={value ?? []}
      style={{ width: '100%' }}
      onChange={(v: string[]) => {
        // Trimmed, not empty, not too long, no duplicates (the server refuses those).
        const seen = new Set<string>();
        const next = v.map((s) => s.trim().slice(0, maxLength)).filter((s) => s && !seen.has(s) && seen.add(s));
        onChange?.(next);
      }}
    />
  );
}
