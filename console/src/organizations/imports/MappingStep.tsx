import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { ImportJob } from './importTypes';

const fields = ['email', 'firstName', 'lastName', 'rank', 'units', 'language', 'ignore'] as const;

/** Step 2: which column holds which field, as the service guessed it from the headers; changing it plans the rows again. */
export function MappingStep({ job, onMapped }: { job: ImportJob; onMapped: (job: ImportJob) => void }) {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const headers = job.headers ?? Object.keys(job.mapping);
  const [columns, setColumns] = useState<Record<string, string>>({ ...job.mapping });
  const [problem, setProblem] = useState<string | null>(null);
  const targets = [
    ...fields.map((field) => ({ value: field, label: t(`import.field.${field}`) })),
    ...organization.customFields.map((field) => ({ value: `field:${field.key}`, label: field.label })),
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { data, error } = await membership.PUT('/organizations/{organizationId}/imports/{importId}/mapping', {
      params: { path: { organizationId: organization.id, importId: job.id } },
      body: { columns, rank: job.defaultRank },
    });
    if (data) onMapped({ ...data, headers: data.headers ?? headers });
    else setProblem(describe(asProblem(error)));
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {problem && <Alert color="red" role="alert">{problem}</Alert>}
        {job.mappingProblem && <Alert color="yellow">{job.mappingProblem}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {headers.map((header) => (
            <NativeSelect key={header} label={t('import.column', { header })} value={columns[header] ?? 'ignore'} data={targets}
              onChange={(e) => setColumns({ ...columns, [header]: e.currentTarget.value })} />
          ))}
        </SimpleGrid>
        <Group><Button type="submit" variant="default">{t('import.remap')}</Button></Group>
      </Stack>
    </form>
  );
}
