import { Checkbox, Flex, Tooltip, Typography } from 'antd';
import { permissionsOutsideClass, type AdminClass } from '@common/permissions';
import type { PermissionInfo } from '../../../api/types';
import { useI18n } from '../../../i18n/useT';

/**
 * One checkbox per permission. Permissions reserved for another administrator class are disabled:
 * the server would refuse them (三权分立), so the interface does not offer them.
 */
export function PermissionChecklist({
  permissions,
  value,
  onChange,
  adminClass,
  disabled,
}: {
  permissions: PermissionInfo[];
  value?: string[];
  onChange?: (value: string[]) => void;
  adminClass: AdminClass | null;
  disabled?: boolean;
}) {
  const { lang, t } = useI18n();
  const selected = value ?? [];
  return (
    <Checkbox.Group value={selected} onChange={(v) => onChange?.(v)} disabled={disabled} style={{ width: '100%' }}>
      <Flex vertical gap={10} style={{ width: '100%' }}>
        {permissions.map((p) => {
          const foreign = permissionsOutsideClass([p.code], adminClass).length > 0;
          const box = (
            <Checkbox value={p.code} disabled={disabled || (foreign && !selected.includes(p.code))}>
              <Flex vertical>
                <span>{lang === 'en-US' ? p.en : p.zh}</span>
                <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                  {p.code}
                </Typography.Text>
              </Flex>
            </Checkbox>
          );
          return foreign && !disabled ? (
            <Tooltip key={p.code} title={t('roles.foreignPermission')} placement="left">
              <span>{box}</span>
            </Tooltip>
          ) : (
            <span key={p.code}>{box}</span>
          );
        })}
      </Flex>
    </Checkbox.Group>
  );
}
