import { Flex, List, Table, Tag, Typography } from 'antd';
import type { Guardian } from '../../api/types';
import { TAG_COLOR } from '../../components/tagColors';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { isMessageKey } from '../../locales/zh-CN';

const ROLE_COLOR: Record<Guardian['role'], string> = {
  guardian: TAG_COLOR.info,
  caregiver: 'cyan',
  member: TAG_COLOR.closed,
};

export function GuardiansTable({ guardians }: { guardians: Guardian[] }) {
  const t = useT();
  const mobile = useIsMobile();
  const statusLabel = (status: string) => {
    const key = `children.memberStatus.${status}`;
    return isMessageKey(key) ? t(key) : status;
  };

  // Phones: one row per person, phone number last and easy to read out.
  if (mobile) {
    return (
      <List<Guardian>
        dataSource={guardians}
        locale={{ emptyText: t('children.guardians.empty') }}
        renderItem={(g) => (
          <List.Item>
            <Flex vertical gap={2} style={{ width: '100%' }}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{g.name}</Typography.Text>
                <Typography.Text type="secondary">{g.relation}</Typography.Text>
                <Tag color={ROLE_COLOR[g.role]}>{t(`children.guardian.role.${g.role}`)}</Tag>
              </Flex>
              <Typography.Text type="secondary">
                {statusLabel(g.status)} · <span className="mono">{g.phoneMasked ?? '—'}</span>
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    );
  }

  return (
    <Table<Guardian>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={guardians}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('children.guardians.empty') }}
      columns={[
        { title: t('children.guardian.name'), dataIndex: 'name' },
        { title: t('children.guardian.relation'), dataIndex: 'relation' },
        {
          title: t('children.guardian.role'),
          dataIndex: 'role',
          render: (role: Guardian['role']) => <Tag color={ROLE_COLOR[role]}>{t(`children.guardian.role.${role}`)}</Tag>,
        },
        {
          title: t('children.guardian.status'),
          dataIndex: 'status',
          render: statusLabel,
        },
        { title: t('children.guardian.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
      ]}
    />
  );
}
