import { useState } from 'react';
import { Alert, App, Button, Empty, Flex, Form, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { formatDate } from '../../components/format';
import { FormModal } from '../../components/FormModal';
import { TAG_COLOR } from '../../components/tagColors';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { childrenApi } from './api';
import { useCodeLabel } from './labels';
import { MemberFields, memberFromForm, memberToForm, type MemberFormValues } from './MemberFields';
import type { ChildFile, Member, MemberRole } from './types';
import { MemberUnmaskButton } from './UnmaskButton';
import { FamilyContactButton } from './FamilyContactButton';

const ROLE_COLOR: Record<MemberRole, string> = { guardian: TAG_COLOR.info, caregiver: 'cyan', member: TAG_COLOR.closed };

/** The status of a member with its date: "失联（2024-03-01 起）", "服刑在押（至 2027-06-30）", "重残（肢体 一级）". */
function useStatusText() {
  const t = useT();
  const label = useCodeLabel();
  return (m: Member): string => {
    const base = label('memberState', m.status);
    if (m.statusSince) return `${base}${t('children.member.sinceSuffix', { date: formatDate(m.statusSince) })}`;
    if (m.statusUntil) return `${base}${t('children.member.untilSuffix', { date: formatDate(m.statusUntil) })}`;
    if (m.status === 'severely_disabled' && (m.disabilityType || m.disabilityGrade)) {
      return `${base}${t('children.member.disabilitySuffix', { type: m.disabilityType ?? '', grade: m.disabilityGrade ? t('children.gradeValue', { grade: m.disabilityGrade }) : '' })}`;
    }
    return base;
  };
}

/** 家庭成员: guardians, caregivers and household members with each parent's status (read by the policy engine). */
export function MembersTab({ file, onChanged }: { file: ChildFile; onChanged: () => void }) {
  const t = useT();
  const label = useCodeLabel();
  const mobile = useIsMobile();
  const statusText = useStatusText();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const writable = file.can.edit && file.status === 'active';

  const remove = (m: Member) =>
    modal.confirm({
      title: t('children.member.deleteConfirm', { name: m.name }),
      content: t('children.member.deleteHint'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await childrenApi.removeMember(file.id, m.id);
          void message.success(t('children.member.deleted'));
          onChanged();
        } catch (err) {
          showError(err);
        }
      },
    });

  const actions = (m: Member) => (
    <Space size={4} wrap={mobile}>
      {file.can.unmask && (m.idNumberMasked || m.phoneMasked) ? <MemberUnmaskButton childId={file.id} memberId={m.id} /> : null}
      {writable ? (
        <>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(m)}>
            {t('common.edit')}
          </Button>
          <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => remove(m)}>
            {t('common.delete')}
          </Button>
        </>
      ) : null}
    </Space>
  );

  const columns: TableColumnsType<Member> = [
    { title: t('children.member.name'), dataIndex: 'name', width: 100 },
    { title: t('children.member.relation'), dataIndex: 'relation', width: 90 },
    { title: t('children.member.role'), dataIndex: 'role', width: 110, render: (r: MemberRole) => <Tag color={ROLE_COLOR[r]}>{label('role', r)}</Tag> },
    {
      title: t('children.member.status'),
      key: 'status',
      width: 220,
      render: (_, m) => <span style={m.status === 'alive_fit' ? undefined : { color: '#d46b08' }}>{statusText(m)}</span>,
    },
    { title: t('children.birthDate'), dataIndex: 'birthDate', width: 110, render: (d: string | null) => formatDate(d) },
    { title: t('children.idNumber'), dataIndex: 'idNumberMasked', width: 180, render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—') },
    { title: t('children.phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—') },
    { title: t('children.note'), dataIndex: 'note', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('common.actions'), key: 'actions', fixed: 'right', width: writable ? 250 : 120, render: (_, m) => actions(m) },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('children.member.intro')}</Typography.Text>
        <Space wrap>
          {file.can.contact ? <FamilyContactButton childId={file.id} /> : null}
          {writable ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('children.member.add')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      {file.status === 'closed' ? <Alert type="info" showIcon title={t('children.closedReadOnly')} style={{ marginBottom: 12 }} /> : null}
      {!file.members.some((m) => m.role === 'guardian') ? (
        <Alert type="warning" showIcon title={t('children.member.noGuardian')} style={{ marginBottom: 12 }} />
      ) : null}
      {mobile ? (
        <div>
          {file.members.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('children.member.empty')} /> : null}
          {file.members.map((m) => (
            <Flex key={m.id} vertical gap={4} style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{m.name}</Typography.Text>
                <Typography.Text type="secondary">{m.relation}</Typography.Text>
                <Tag color={ROLE_COLOR[m.role]}>{label('role', m.role)}</Tag>
              </Flex>
              <Typography.Text type="secondary">
                {statusText(m)} · <span className="mono">{m.phoneMasked ?? '—'}</span>
              </Typography.Text>
              {actions(m)}
            </Flex>
          ))}
        </div>
      ) : (
        <Table<Member>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={file.members}
          columns={columns}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('children.member.empty') }}
        />
      )}
      {editing ? (
        <MemberFormModal
          childId={file.id}
          member={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}

/** Add or edit one member. On edit, masked identity number and phone are changed only when typed again. */
function MemberFormModal({ childId, member, onClose, onSaved }: { childId: string; member: Member | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberFormValues>();

  const save = async (values: MemberFormValues) => {
    const body = memberFromForm(values);
    if (member) await childrenApi.updateMember(childId, member.id, body);
    else await childrenApi.addMember(childId, body);
    void message.success(member ? t('common.saved') : t('children.member.added'));
    onSaved();
  };

  return (
    <FormModal
      form={form}
      title={member ? t('children.member.editTitle', { name: member.name }) : t('children.member.add')}
      onClose={onClose}
      onSubmit={save}
      width={760}
      layout={mobile ? 'vertical' : 'horizontal'}
      labelCol={mobile ? undefined : { flex: '110px' }}
      labelWrap
      initialValues={member ? memberToForm(member) : { role: 'guardian', status: 'alive_fit' }}
    >
      <MemberFields form={form} existing={member ?? undefined} />
    </FormModal>
  );
}
