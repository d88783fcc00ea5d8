import { useEffect, useState } from 'react';
import { Checkbox, Stack, Text } from '@mantine/core';
import { membership } from '../../api/client';
import { ListTable } from '../../layout/ListTable';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { ImportJob, ImportRow } from './importTypes';

const shown = 100;

/** The dry run's verdict per row (the first hundred, or only those in error), each refusal with its reason. */
export function VerdictRows({ job }: { job: ImportJob }) {
  const { organization } = useOrganization();
  const { t, word } = useOrganizationText();
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [rows, setRows] = useState<ImportRow[]>([]);
  const [total, setTotal] = useState(0);
  const plan = JSON.stringify([job.mapping, job.verdicts]);

  useEffect(() => {
    void (async () => {
      const { data } = await membership.GET('/organizations/{organizationId}/imports/{importId}/rows', {
        params: { path: { organizationId: organization.id, importId: job.id }, query: { pageSize: shown, verdict: onlyErrors ? 'error' : undefined } },
      });
      if (data) {
        setRows(data.items);
        setTotal(Number(data.total));
      }
    })();
    // Read again only for a new plan (another mapping), not for each progress report while the import runs.
  }, [organization.id, job.id, plan, onlyErrors]);

  return (
    <Stack>
      <Text role="status">{t('import.summary', { total: job.totalRows, ready: job.ready, skip: job.toSkip, errors: job.errors })}</Text>
      <Checkbox label={t('import.onlyErrors')} checked={onlyErrors} onChange={(e) => setOnlyErrors(e.currentTarget.checked)} />
      <ListTable label={t('import.rows')} rows={rows} rowKey={(row) => row.row}
        columns={[t('import.line'), t('members.email'), t('members.name'), t('members.rank'), t('import.verdict'), t('import.reason')]}
        cells={(row) => [row.line, row.email, [row.firstName, row.lastName].filter(Boolean).join(' '), row.rank ? word('rank', row.rank) : '',
          word('verdict', row.verdict), row.detail ?? '']} />
      {total > rows.length && <Text>{t('import.more', { shown: rows.length, total })}</Text>}
    </Stack>
  );
}
