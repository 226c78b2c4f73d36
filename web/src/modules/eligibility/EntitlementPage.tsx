import { Navigate, useParams } from 'react-router';
import { Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ErrorResult } from '../../components/ErrorResult';
import { eligibilityApi, eligibilityKeys } from './api';

/**
 * /entitlements/:id — where a workflow notice leads: loads the entitlement (the server answers 404
 * outside the caller's area) and opens the child's 保障待遇 tab on it.
 */
export default function EntitlementPage() {
  const { id = '' } = useParams();
  const e = useQuery({ queryKey: eligibilityKeys.entitlement(id), queryFn: () => eligibilityApi.entitlement(id) });
  if (e.error) return <ErrorResult error={e.error} onRetry={() => void e.refetch()} />;
  if (!e.data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  return <Navigate replace to={`/children/${encodeURIComponent(e.data.childId)}?tab=benefits&policy=${encodeURIComponent(e.data.policy)}`} />;
}
