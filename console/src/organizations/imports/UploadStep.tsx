import { useState } from 'react';
import { Alert, Button, FileButton, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import { grantableRanks } from '../ranks';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { ImportJob } from './importTypes';

/** Step 1: the file itself as the request body (text/csv), and the rank of rows that name none. The answer is the dry run. */
export function UploadStep({ onUploaded }: { onUploaded: (job: ImportJob) => void }) {
  const { organization } = useOrganization();
  const { t, word } = useOrganizationText();
  const rankChoices = grantableRanks(organization.myRank);
  const [rank, setRank] = useState<string>(rankChoices.includes('member') ? 'member' : rankChoices[rankChoices.length - 1] ?? 'member');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(file: File | null) {
    if (!file) return;
    setProblem(null);
    setBusy(true);
    const { data, error } = await membership.POST('/organizations/{organizationId}/imports', {
      params: { path: { organizationId: organization.id }, query: { rank }, header: { 'Idempotency-Key': crypto.randomUUID() } },
      body: (await file.text()) as never,
      bodySerializer: (body: unknown) => body as string,
      headers: { 'Content-Type': 'text/csv' },
    });
    setBusy(false);
    if (data) onUploaded(data);
    else setProblem(describe(asProblem(error)));
  }

  return (
    <Stack>
      <Text>{t('import.uploadHint')}</Text>
      {problem && <Alert color="red" role="alert">{problem}</Alert>}
      <NativeSelect label={t('import.defaultRank')} value={rank} onChange={(e) => setRank(e.currentTarget.value)}
        data={[...rankChoices].reverse().map((r) => ({ value: r, label: word('rank', r) }))} />
      <Group>
        <FileButton onChange={(file) => void upload(file)} accept=".csv,text/csv">
          {(props) => <Button {...props} loading={busy}>{t('import.choose')}</Button>}
        </FileButton>
      </Group>
    </Stack>
  );
}
