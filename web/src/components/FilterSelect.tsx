import { Select } from 'antd';

export interface FilterSelectProps<V extends string | number> {
  label: string;
  placeholder?: string;
  minWidth: number;
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  options: { value: V; label: string }[];
  loading?: boolean;
  search?: boolean;
}

/** A clearable filter: `label` names it (aria-label, and the placeholder unless one is given); `search` filters options by label. */
export function FilterSelect<V extends string | number>({
  label,
  placeholder = label,
  minWidth,
  value,
  onChange,
  options,
  loading,
  search = false,
}: FilterSelectProps<V>) {
  return (
    <Select<V>
      allowClear
      showSearch={search ? { optionFilterProp: 'label' } : undefined}
      aria-label={label}
      placeholder={placeholder}
      style={{ minWidth }}
      value={value}
      loading={loading}
      onChange={onChange}
      options={options}
    />
  );
}
