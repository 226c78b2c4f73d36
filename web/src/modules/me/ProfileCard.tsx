import { Card, Descriptions, Tag } from 'antd';
import { useMe } from '../../auth/useAuth';
import { TAG_COLOR } from '../../components/tagColors';
import { useLocalName } from '../../hooks/useLocalName';
import { useT } from '../../i18n/useT';

export function ProfileCard() {
  const t = useT();
  const me = useMe();
  const name = useLocalName();
  return (
    <Card title={t('me.profile')} style={{ height: '100%' }}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'username', label: t('me.username'), children: <span className="mono">{me.user.username}</span> },
          { key: 'displayName', label: t('me.displayName'), children: me.user.displayName },
          { key: 'unit', label: t('me.unit'), children: name(me.unit) },
          {
            key: 'roles',
            label: t('me.roles'),
            children: me.roles.map((r) => (
              <Tag key={r.code} color="blue">
                {name(r)}
              </Tag>
            )),
          },
          { key: 'scope', label: t('me.scope'), children: me.scope.label || t(`scope.${me.scope.kind}`) },
          {
            key: 'totp',
            label: t('me.totp'),
            children: me.user.totpEnabled ? <Tag color={TAG_COLOR.ok}>{t('me.totpOn')}</Tag> : <Tag>{t('me.totpOff')}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
