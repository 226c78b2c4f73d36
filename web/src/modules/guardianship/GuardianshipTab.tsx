import { Card, Empty, Flex } from 'antd';
import { useAuth } from '../../auth/useAuth';
import { useT } from '../../i18n/useT';
import { GUARDIANSHIP_SECTIONS } from './sections';

/** 监护: the guardianship parts of a child's file, one card each, those the caller may see. */
export function GuardianshipTab({ childId, onChanged }: { childId: string; onChanged: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const shown = GUARDIANSHIP_SECTIONS.filter((s) => s.anyPermission.some((p) => can(p)));
  if (!shown.length) return <Empty description={t('guardianship.tab.empty')} />;
  return (
    <Flex vertical gap={16}>
      {shown.map((s) => (
        <Card key={s.key} title={t(s.title)} size="small" data-testid={`guardianship-${s.key}`}>
          {s.render({ childId, onChanged })}
        </Card>
      ))}
    </Flex>
  );
}
