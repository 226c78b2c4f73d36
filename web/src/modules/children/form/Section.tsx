import type { ReactNode } from 'react';
import { Card } from 'antd';

/** One titled part of the child form. */
export function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card title={title} extra={extra} size="small" style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
      {children}
    </Card>
  );
}

/** Two fields a row on a desktop, one on a phone. */
export const col = { xs: 24, lg: 12 };
