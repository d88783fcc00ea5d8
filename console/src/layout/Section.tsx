import { useId, type ReactNode } from 'react';
import { Card, Title } from '@mantine/core';

/** A bordered part of a screen, named by its heading for assistive technology (a `region` landmark). */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">{title}</Title>
      {children}
    </Card>
  );
}
