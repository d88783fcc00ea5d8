import type { ReactNode } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';

/** The narrow card every sign-in and held-state screen uses: a heading, an optional hint, the form. */
export function FormPage({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper maw={440} mx="auto" mt="xl" p="lg" withBorder>
      <Stack>
        <Title order={1} size="h2">{title}</Title>
        {hint && <Text>{hint}</Text>}
        {children}
      </Stack>
    </Paper>
  );
}
