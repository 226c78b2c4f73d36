import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useT } from '../../i18n/useT';
import { caseworkApi, caseworkKeys } from './api';
import { useSearchTerm } from './useSearchTerm';

interface Option {
  value: string;
  label: string;
  hint: string;
}

/**
 * Picks children by name, pinyin or initials (the server searches within the caller's area).
 * `known` gives labels for ids already chosen (when editing).
 */
export function ChildPicker({ value, onChange, known = [] }: { value?: string[]; onChange?: (ids: string[]) => void; known?: { id: string; name: string }[] }) {
  const t = useT();
  const [term, search] = useSearchTerm();
  const {
    data,
    isFetching: loading,
    isError,
  } = useQuery({
    queryKey: caseworkKeys.childSearch(term),
    queryFn: () => caseworkApi.searchChildren(term),
    placeholderData: keepPreviousData,
  });
  const options = useMemo<Option[]>(
    () => (isError ? [] : (data?.items ?? []).map((c) => ({ value: c.id, label: c.name, hint: c.committeeName }))),
    [data, isError],
  );
  const [labels, setLabels] = useState(() => new Map(known.map((k) => [k.id, k.name])));

  // Chosen children stay labelled even when the current search no longer lists them.
  const merged = useMemo(() => {
    const seen = new Set(options.map((o) => o.value));
    const chosen = (value ?? []).filter((id) => !seen.has(id)).map((id) => ({ value: id, label: labels.get(id) ?? id, hint: '' }));
    return [...chosen, ...options];
  }, [options, value, labels]);

  return (
    <Select<string[]>
      mode="multiple"
      value={value}
      onChange={(ids) => {
        setLabels((prev) => {
          const next = new Map(prev);
          for (const o of options) next.set(o.value, o.label);
          return next;
        });
        onChange?.(ids);
      }}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={loading ? <Spin size="small" /> : t('casework.childPicker.none')}
      placeholder={t('casework.childPicker.placeholder')}
      options={merged.map((o) => ({ value: o.value, label: o.label, hint: o.hint }))}
      optionRender={(o) => (
        <span>
          {o.label}
          {o.data.hint ? <span style={{ color: '#8c8c8c', marginInlineStart: 8, fontSize: 12 }}>{o.data.hint}</span> : null}
        </span>
      )}
      maxCount={50}
      allowClear
    />
  );
}
