import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Row, Select, Spin, Typography } from 'antd';
import { UserSwitchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChildMentors, Mentor, MentorKind } from '@common/casework';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { useApiError } from '../../../hooks/useApiError';
import { useT } from '../../../i18n/useT';
import { caseworkApi, caseworkKeys } from '../api';
import { mentorKindLabel } from '../shared';
import { useSearchTerm } from '../useSearchTerm';

/** Child file tab 导师与伙伴: the growth mentor and the peer buddy; assigned by users with mentors.manage. */
export function MentorTab({ childId, onChanged }: { childId: string; onChanged: () => void }) {
  const queryClient = useQueryClient();
  const {
    data,
    isLoading: loading,
    error,
    refetch,
  } = useQuery({ queryKey: caseworkKeys.childMentors(childId), queryFn: () => caseworkApi.childMentors(childId) });
  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Spin />;
  const saved = (next: ChildMentors) => {
    queryClient.setQueryData(caseworkKeys.childMentors(childId), next);
    // Coverage, gaps and the people's child counts change with an assignment.
    void queryClient.invalidateQueries({ queryKey: caseworkKeys.all, predicate: (q) => q.queryKey[1] !== 'childMentors' });
    onChanged();
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12}>
        <PersonCard childId={childId} kind="mentor" person={data?.mentor ?? null} onSaved={saved} />
      </Col>
      <Col xs={24} md={12}>
        <PersonCard childId={childId} kind="buddy" person={data?.buddy ?? null} onSaved={saved} />
      </Col>
    </Row>
  );
}

function PersonCard({ childId, kind, person, onSaved }: { childId: string; kind: MentorKind; person: Mentor | null; onSaved: (m: ChildMentors) => void }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState<string | null>(person?.id ?? null);
  const [saving, setSaving] = useState(false);
  const manage = can('mentors.manage');

  const save = async (id: string | null) => {
    setSaving(true);
    try {
      const next = kind === 'mentor' ? await caseworkApi.assignMentor(childId, id) : await caseworkApi.assignBuddy(childId, id);
      void message.success(t('casework.saved'));
      setEditing(false);
      onSaved(next);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      title={mentorKindLabel(t, kind)}
      extra={
        manage && !editing ? (
          <Button
            size="small"
            icon={<UserSwitchOutlined />}
            onClick={() => {
              setChoice(person?.id ?? null);
              setEditing(true);
            }}
          >
            {person ? t('casework.mentors.change') : t('casework.mentors.assign')}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <Flex vertical gap={8}>
          <MentorSelect kind={kind} value={choice} onChange={setChoice} current={person} />
          <Flex gap={8} wrap>
            <Button type="primary" loading={saving} disabled={!choice || choice === person?.id} onClick={() => save(choice)}>
              {t('common.save')}
            </Button>
            {person ? (
              <Button danger loading={saving} onClick={() => save(null)}>
                {t('casework.mentors.unassign')}
              </Button>
            ) : null}
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Flex>
        </Flex>
      ) : person ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'name', label: t('casework.mentor.name'), children: <Typography.Text strong>{person.name}</Typography.Text> },
            { key: 'org', label: t('casework.mentor.organisation'), children: person.organisation },
            { key: 'phone', label: t('casework.mentor.phone'), children: <span className="mono">{person.phoneMasked ?? '—'}</span> },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(kind === 'mentor' ? 'casework.mentors.noneMentor' : 'casework.mentors.noneBuddy')} />
      )}
    </Card>
  );
}

/** Searchable select over active people of one kind (the server limits them to the user's street and district-wide ones). */
function MentorSelect({
  kind,
  value,
  onChange,
  current,
}: {
  kind: MentorKind;
  value: string | null;
  onChange: (id: string | null) => void;
  current: Mentor | null;
}) {
  const t = useT();
  const [term, search] = useSearchTerm();
  const query = { kind, q: term || undefined, pageSize: 50 };
  const { data, isFetching: loading } = useQuery({
    queryKey: caseworkKeys.mentors(query),
    queryFn: () => caseworkApi.mentors(query),
    placeholderData: keepPreviousData,
  });
  const items: Mentor[] = data?.items ?? (current ? [current] : []);

  return (
    <Select<string>
      value={value ?? undefined}
      onChange={(v) => onChange(v ?? null)}
      showSearch={{ filterOption: false, onSearch: search }}
      placeholder={t('casework.mentors.searchPerson')}
      notFoundContent={loading ? <Spin size="small" /> : t('casework.mentors.noPerson')}
      style={{ width: '100%' }}
      options={items.map((m) => ({ value: m.id, label: `${m.name} · ${m.organisation}`, count: m.childCount }))}
      optionRender={(o) => (
        <Flex justify="space-between" gap={8}>
          <span>{o.label}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('casework.mentors.childCount', { n: (o.data as { count: number }).count /* the options built above carry count */ })}
          </Typography.Text>
        </Flex>
      )}
    />
  );
}
