import { Button, Flex, InputNumber, Select, Switch } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useCommittees, useStreets } from '../../hooks/useOrg';
import { useT } from '../../i18n/useT';
import type { PolicySummary, WorklistFilters } from './api';

export type WorklistFilterValues = Omit<WorklistFilters, 'kind'>;

/**
 * The work list's filters (street, committee, policy, age, assignee), the by-child switch and,
 * for a caller who may take rows, 分配给我 for the selected rows.
 */
export function WorklistFilterBar({
  f,
  onChange,
  policies,
  byChild,
  onByChild,
  assign,
}: {
  f: WorklistFilterValues;
  onChange: (next: Partial<WorklistFilterValues>) => void;
  policies: PolicySummary[];
  byChild: boolean;
  onByChild: (v: boolean) => void;
  /** Present when rows can be selected: how many are, and the action. */
  assign: { selected: number; onAssign: () => void } | null;
}) {
  const t = useT();
  const streets = useStreets();
  const committees = useCommittees(f.street);
  return (
    <Flex gap={8} wrap align="center" role="search" aria-label={t('eligibility.list.filters')}>
      <Select
        allowClear
        style={{ width: 160 }}
        placeholder={t('eligibility.list.allStreets')}
        value={f.street}
        aria-label={t('eligibility.list.street')}
        onChange={(v: string | undefined) => onChange({ street: v, committee: undefined })}
        options={(streets.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))}
      />
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        style={{ width: 180 }}
        placeholder={t('eligibility.list.allCommittees')}
        value={f.committee}
        disabled={!f.street}
        aria-label={t('eligibility.list.committee')}
        onChange={(v: string | undefined) => onChange({ committee: v })}
        options={(committees.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
      />
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        style={{ width: 260 }}
        placeholder={t('eligibility.list.allPolicies')}
        value={f.policy}
        aria-label={t('eligibility.list.policy')}
        onChange={(v: string | undefined) => onChange({ policy: v })}
        options={policies.map((p) => ({ value: p.id, label: p.name.zh }))}
      />
      <Flex gap={4} align="center">
        <span>{t('eligibility.list.age')}</span>
        <InputNumber
          min={0}
          max={18}
          precision={0}
          style={{ width: 64 }}
          value={f.ageMin}
          aria-label={t('eligibility.list.ageMin')}
          onChange={(v) => onChange({ ageMin: v ?? undefined })}
        />
        <span>–</span>
        <InputNumber
          min={0}
          max={18}
          precision={0}
          style={{ width: 64 }}
          value={f.ageMax}
          aria-label={t('eligibility.list.ageMax')}
          onChange={(v) => onChange({ ageMax: v ?? undefined })}
        />
      </Flex>
      <Select
        allowClear
        style={{ width: 130 }}
        placeholder={t('eligibility.list.anyAssignee')}
        value={f.assigned}
        aria-label={t('eligibility.col.assignee')}
        onChange={(v: 'me' | 'none' | undefined) => onChange({ assigned: v })}
        options={[
          { value: 'me', label: t('eligibility.list.assignedMe') },
          { value: 'none', label: t('eligibility.list.assignedNone') },
        ]}
      />
      <Flex gap={4} align="center">
        <Switch size="small" checked={byChild} onChange={onByChild} aria-label={t('eligibility.list.byChild')} />
        <span>{t('eligibility.list.byChild')}</span>
      </Flex>
      {assign ? (
        <Button icon={<UserAddOutlined />} disabled={!assign.selected} onClick={assign.onAssign}>
          {t('eligibility.list.assign', { n: assign.selected })}
        </Button>
      ) : null}
    </Flex>
  );
}
