import type { ReactNode } from 'react';
import { Stack, Text } from '@mantine/core';

/** One term and its value in a description list (`dl`) of a record's facts. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text component="dt" fw={600} size="sm">{label}</Text>
      <Text component="dd" m={0}>{children}</Text>
    </Stack>
  );
}
