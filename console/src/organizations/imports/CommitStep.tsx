import { useEffect, useState } from 'react';
import { Alert, Button, Group, Progress, Radio, Stack, Text } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { ImportJob } from './importTypes';

const pollEvery = 1000;

/** Step 3: commit the rows planned as new or update, then follow the worker's progress until it completes or fails. */
export function CommitStep({ job, onChange }: { job: ImportJob; onChange: (job: ImportJob) => void }) {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [mode, setMode] = useState('placeholder');
  const [problem, setProblem] = useState<string | null>(null);
  const path = { organizationId: organization.id, importId: job.id };

  // The imports API has no push channel: the job is read again every second while the worker writes.
  useEffect(() => {
    if (job.state !== 'committing') return;
    const timer = window.setTimeout(async () => {
      const { data } = await membership.GET('/organizations/{organizationId}/imports/{importId}', { params: { path } });
      onChange(data ? { ...data, headers: job.headers } : { ...job });
    }, pollEvery);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job]);

  async function commit() {
    setProblem(null);
    const { data, error } = await membership.POST('/organizations/{organizationId}/imports/{importId}/commit', { params: { path }, body: { mode } });
    if (data) onChange({ ...data, headers: job.headers });
    else setProblem(describe(asProblem(error)));
  }

  if (job.state === 'previewed') {
    return (
      <Stack>
        {problem && <Alert color="red" role="alert">{problem}</Alert>}
        <Radio.Group label={t('import.mode')} value={mode} onChange={setMode}>
          <Stack gap="xs" mt="xs">
            <Radio value="placeholder" label={t('import.mode.placeholder')} />
            <Radio value="invite" label={t('import.mode.invite')} />
          </Stack>
        </Radio.Group>
        <Group><Button onClick={() => void commit()} disabled={Number(job.ready) === 0}>{t('import.commit', { count: job.ready })}</Button></Group>
      </Stack>
    );
  }

  const processed = Number(job.processed);
  const toProcess = Number(job.toProcess);
  return (
    <Stack>
      <Progress value={toProcess === 0 ? 100 : (processed * 100) / toProcess} aria-label={t('import.progress')} />
      <Text role="status">
        {job.state === 'completed' && t('import.completed', { created: job.created, updated: job.updated, skipped: job.skipped })}
        {job.state === 'committing' && t('import.committing', { processed, toProcess })}
        {job.state === 'failed' && t('import.failed', { error: job.error ?? '' })}
      </Text>
    </Stack>
  );
}
