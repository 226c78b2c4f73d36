import { useState } from 'react';
import { App, Button, Collapse, Descriptions, Empty, Flex, List, Pagination, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, FormOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryClient } from '../../api/queryClient';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { TAG_COLOR } from '../../components/tagColors';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { visitsApi, type Visit } from './api';
import { CHECK_TAG, useCodeLabel, VisitStatusTag } from './labels';

const PAGE_SIZE = 10;

/** One visit, expanded: who, whom they met, the checklist as recorded, findings, problems raised. */
function VisitDetail({ visit }: { visit: Visit }) {
  const t = useT();
  const label = useCodeLabel();
  return (
    <Flex vertical gap={12}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'visitor', label: t('visits.childTab.visitor'), children: visit.visitorName },
          { key: 'people', label: t('visits.childTab.peopleMet'), children: visit.peopleMet || '—' },
        ]}
      />
      <div>
        <Typography.Text strong>{t('visits.childTab.checklist')}</Typography.Text>
        <List
          size="small"
          dataSource={visit.checklist}
          renderItem={(e) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8}>
                  <span>{e.label}</span>
                  <Tag color={CHECK_TAG[e.status]} style={{ marginInlineEnd: 0 }}>
                    {t(`visits.check.${e.status}`)}
                  </Tag>
                </Flex>
                {e.note ? <Typography.Text type="secondary">{e.note}</Typography.Text> : null}
              </Flex>
            </List.Item>
          )}
        />
      </div>
      <div>
        <Typography.Text strong>{t('visits.childTab.findings')}</Typography.Text>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }} type={visit.findings ? undefined : 'secondary'}>
          {visit.findings || t('visits.childTab.noFindings')}
        </Typography.Paragraph>
      </div>
      {visit.problems.length || visit.draftProblems.length ? (
        <div>
          <Typography.Text strong>{visit.problems.length ? t('visits.childTab.problems') : t('visits.childTab.draftProblems')}</Typography.Text>
          <List
            size="small"
            dataSource={[
              ...visit.problems.map((p) => ({ ...p, key: p.id })),
              ...visit.draftProblems.map((p, i) => ({ ...p, key: `draft-${i}`, id: null, status: null })),
            ]}
            renderItem={(p) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Flex vertical gap={4}>
                  <span>{p.description}</span>
                  <Flex gap={4} wrap>
                    <Tag>{label('visits.problemCategory', p.category)}</Tag>
                    <Tag color={p.severity === 'high' ? TAG_COLOR.danger : p.severity === 'medium' ? TAG_COLOR.warning : TAG_COLOR.ok}>
                      {label('visits.severity', p.severity)}
                    </Tag>
                    {p.status ? <Tag>{label('visits.problemStatus', p.status)}</Tag> : null}
                    {p.dueOn ? <Tag>{t('visits.childTab.dueOn', { date: formatDate(p.dueOn) })}</Tag> : null}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        </div>
      ) : null}
    </Flex>
  );
}

/** 走访记录 on the child's file: newest first, each expanding to its content; 记录走访 starts a new one. */
export function ChildVisitsTab({ childId, onChanged }: { childId: string; onChanged: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const { pathname, search } = useLocation();
  const [page, setPage] = useState(1);
  const {
    data,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({
    queryKey: ['visits', 'child', childId, page],
    queryFn: () => visitsApi.childVisits(childId, page, PAGE_SIZE),
    // Paging keeps the previous page on screen while the next loads (not another child's visits).
    placeholderData: (previous, query) => (query?.queryKey[2] === childId ? keepPreviousData(previous) : undefined),
  });
  const reload = () => void refetch();
  const write = can('visits.write');
  const from = `${pathname}${search}`;

  const removeDraft = (v: Visit) =>
    modal.confirm({
      title: t('visits.form.deleteConfirm'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await visitsApi.remove(v.id);
          void message.success(t('visits.form.deleted'));
          void queryClient.invalidateQueries({ queryKey: ['visits'] });
          onChanged();
        } catch (err) {
          showError(err);
        }
      },
    });

  if (error && !data) return <ErrorResult error={error} onRetry={reload} />;
  return (
    <Flex vertical gap={12}>
      {write ? (
        <Flex justify="flex-end">
          <Link to={`/visits/new/${encodeURIComponent(childId)}`} state={{ from }} style={mobile ? { width: '100%' } : undefined}>
            <Button type="primary" icon={<FormOutlined />} size={mobile ? 'large' : 'middle'} block={mobile}>
              {t('visits.action.record')}
            </Button>
          </Link>
        </Flex>
      ) : null}
      <Spin spinning={loading}>
        {data && data.items.length === 0 ? (
          <Empty description={t('visits.childTab.empty')} />
        ) : (
          <Collapse
            items={(data?.items ?? []).map((v) => {
              const attention = v.checklist.filter((e) => e.status === 'attention').length;
              const problems = v.problems.length + v.draftProblems.length;
              return {
                key: v.id,
                label: (
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text strong>{formatDate(v.visitedOn)}</Typography.Text>
                    <Tag>{t(`visits.kind.${v.kind}`)}</Tag>
                    <VisitStatusTag status={v.status} />
                    {attention ? <Tag color={TAG_COLOR.warning}>{t('visits.childTab.attentionCount', { n: attention })}</Tag> : null}
                    {problems ? <Tag color={TAG_COLOR.danger}>{t('visits.childTab.problemCount', { n: problems })}</Tag> : null}
                    <Typography.Text type="secondary">{v.visitorName}</Typography.Text>
                  </Flex>
                ),
                extra:
                  write && (v.editable || v.deletable) ? (
                    <Flex gap={4} onClick={(e) => e.stopPropagation()}>
                      {v.editable ? (
                        <Link to={`/visits/${encodeURIComponent(v.id)}/edit`} state={{ from }}>
                          <Button size="small" type="link" icon={<EditOutlined />}>
                            {t('visits.action.edit')}
                          </Button>
                        </Link>
                      ) : null}
                      {v.deletable ? (
                        <Button
                          size="small"
                          type="link"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => removeDraft(v)}
                          aria-label={t('visits.action.deleteDraft')}
                        />
                      ) : null}
                    </Flex>
                  ) : undefined,
                children: <VisitDetail visit={v} />,
              };
            })}
          />
        )}
      </Spin>
      {data && data.total > PAGE_SIZE ? (
        <Flex justify="center">
          <Pagination
            current={page}
            pageSize={PAGE_SIZE}
            total={data.total}
            onChange={setPage}
            size="small"
            showTotal={(n) => t('common.total', { total: n })}
          />
        </Flex>
      ) : null}
    </Flex>
  );
}
