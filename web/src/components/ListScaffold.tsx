/**
 * The shape every list page shares: filters above, then a table on a desktop or a card list on a
 * phone, with the same pagination, empty state and loading state. Pages give their columns (desktop)
 * and how one item reads on a phone; the scaffold does the rest, so a list behaves the same
 * everywhere (page size, "共 N 条", the empty sentence).
 */
import type { ReactNode } from 'react';
import { Card, Empty, List, Table, type TableColumnsType, type TableProps } from 'antd';
import { useIsMobile } from '../hooks/useIsMobile';
import { useT } from '../i18n/useT';

export interface ListPaging {
  page: number;
  pageSize: number;
  onChange: (page: number, pageSize: number) => void;
  /** The page sizes offered (antd's default set without it). */
  pageSizeOptions?: number[];
}

export interface ListScaffoldProps<T> {
  /** Filters (a FilterForm or a few selects) shown above the list. */
  filters?: ReactNode;
  items: T[] | undefined;
  total?: number;
  loading: boolean;
  rowKey: keyof T & string;
  columns: TableColumnsType<T>;
  /** How one item reads on a phone; without it, phones get the table too. */
  renderMobile?: (item: T) => ReactNode;
  /** Server-side paging; without it, the list shows everything it was given. */
  paging?: ListPaging;
  emptyText?: ReactNode;
  /** The pagination's total in words (default 共 N 条), e.g. 共 N 名儿童 for a list of children. */
  totalText?: (total: number) => string;
  /** Anything else the desktop table needs (scroll width, row selection, expandable rows). */
  tableProps?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'rowKey' | 'loading' | 'pagination'>;
}

export function ListScaffold<T extends object>({
  filters,
  items,
  total,
  loading,
  rowKey,
  columns,
  renderMobile,
  paging,
  emptyText,
  totalText,
  tableProps,
}: ListScaffoldProps<T>) {
  const t = useT();
  const mobile = useIsMobile();
  const pagination = paging
    ? {
        current: paging.page,
        pageSize: paging.pageSize,
        total: total ?? items?.length ?? 0,
        showSizeChanger: !mobile,
        ...(paging.pageSizeOptions ? { pageSizeOptions: paging.pageSizeOptions } : {}),
        showTotal: (n: number) => (totalText ? totalText(n) : t('common.total', { total: n })),
        onChange: paging.onChange,
      }
    : false;
  // The same empty state as the app's renderEmpty (a sentence under a small picture, readable
  // contrast), not antd's bare grey text that a string emptyText would give.
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('common.emptyList')} />;
  return (
    <>
      {filters}
      {mobile && renderMobile ? (
        <Card size="small" styles={{ body: { paddingBlock: 0 } }}>
          <List<T>
            loading={loading}
            dataSource={items}
            locale={{ emptyText: empty }}
            pagination={pagination ? { ...pagination, size: 'small', align: 'center' } : false}
            renderItem={(item) => (
              <List.Item key={String(item[rowKey])} style={{ paddingBlock: 12, display: 'block' }}>
                {renderMobile(item)}
              </List.Item>
            )}
          />
        </Card>
      ) : (
        <Table<T>
          size="middle"
          sticky={{ offsetHeader: 56 }}
          {...tableProps}
          rowKey={rowKey}
          loading={loading}
          columns={columns}
          dataSource={items}
          pagination={pagination}
          locale={{ emptyText: empty }}
        />
      )}
    </>
  );
}
