import { Table } from '@mantine/core';
import type { ApprovalsSchemas } from './types';
import { useI18n } from '../i18n/i18n';
import { formatTime } from './format';
import { Person } from './people';
import { StateBadge } from './StateBadge';

type Assignment = ApprovalsSchemas['AssignmentResponse'];

/** Everyone asked to decide, step by step, with what they decided and said. */
export function Approvers({ assignments }: { assignments: readonly Assignment[] }) {
  const { t, language } = useI18n();
  return (
    <Table aria-label={t('request.approvers.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('approvals.column.step')}</Table.Th>
          <Table.Th>{t('request.approvers.who')}</Table.Th>
          <Table.Th>{t('approvals.column.state')}</Table.Th>
          <Table.Th>{t('request.approvers.decided')}</Table.Th>
          <Table.Th>{t('request.approvers.comment')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {assignments.map((a, index) => (
          <Table.Tr key={index}>
            <Table.Td>{a.step}</Table.Td>
            <Table.Td><Person id={a.approverId ?? a.externalEmail} /></Table.Td>
            <Table.Td><StateBadge state={a.state} /></Table.Td>
            <Table.Td>{formatTime(a.decidedAt, language)}</Table.Td>
            <Table.Td>{a.comment ?? ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
