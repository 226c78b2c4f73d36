import { Card, Empty, Flex } from 'antd';
import { useAuth } from '../../auth/useAuth';
import { useT } from '../../i18n/useT';
import { SERVICE_SECTIONS } from './sections';

/** 服务与活动: the services a child booked, their holiday plans and the activities taken part in. */
export function ServicesTab({ childId, onChanged }: { childId: string; onChanged: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const shown = SERVICE_SECTIONS.filter((s) => s.anyPermission.some((p) => can(p)));
  if (!shown.length) return <Empty description={t('services.tab.empty')} />;
  return (
    <Flex vertical gap={16}>
      {shown.map((s) => (
        <Card key={s.key} title={t(s.title)} size="small" data-testid={`services-${s.key}`}>
          {s.render({ childId, onChanged })}
        </Card>
      ))}
    </Flex>
  );
}
