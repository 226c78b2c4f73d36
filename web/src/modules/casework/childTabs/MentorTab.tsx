import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Row, Select, Spin, Typography } from 'antd';
import { UserSwitchOutlined } from '@ant-design/icons';
import type { ChildMentors, Mentor, MentorKind, MentorList } from '@common/casework';
import { api, seg } from '../../../api/client';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { useApi } from '../../../hooks/useApi';
import { useApiError } from '../../../hooks/useApiError';
import { useT } from '../../../i18n/useT';
import { mentorKindLabel } from '../shared';

/** Child file tab 导师与伙伴: the growth mentor and the peer buddy; assigned by users with mentors.manage. */
export function MentorTab({ childId, onChanged }: { childId: string; onChanged: () => void }) {
  const { data, loading, error, reload, setData } = useApi(() => api.get<ChildMentors>(`/api/children/${seg(childId)}/mentor`), [childId]);
  if (error && !data) return <ErrorResult error={error} onRetry={reload} />;
  if (loading && !data) return <Spin />;
  const saved = (next: ChildMentors) => {
    setData(next);
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
      const next = await api.put<ChildMentors>(`/api/children/${seg(childId)}/${kind}`, kind === 'mentor' ? { mentorId: id } : { buddyId: id });
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
          <Button size="small" icon={<UserSwitchOutlined />} onClick={() => { setChoice(person?.id ?? null); setEditing(true); }}>
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
function MentorSelect({ kind, value, onChange, current }: { kind: MentorKind; value: string | null; onChange: (id: string | null) => void; current: Mentor | null }) {
  const t = useT();
  const [items, setItems] = useState<Mentor[]>(current ? [current] : []);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const id = ++latest.current;
      setLoading(true);
      api
        .get<MentorList>('/api/mentors', { kind, q: q.trim() || undefined, pageSize: 50 })
        .then((res) => { if (id === latest.current) setItems(res.items); })
        .catch(() => undefined)
        .finally(() => { if (id === latest.current) setLoading(false); });
    }, 250);
  };
  useEffect(() => {
    search('');
    return () => { if (timer.current) clearTimeout(timer.current); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind]);

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
            {t('casework.mentors.childCount', { n: o.data.count })}
          </Typography.Text>
        </Flex>
      )}
    />
  );
}
