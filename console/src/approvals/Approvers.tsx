import { useI18n } from '../i18n/i18n';
import { ListTable } from '../layout/ListTable';
import { formatTime } from './format';
import { Person } from './people';
import { StateBadge } from './StateBadge';
import type { ApprovalsSchemas } from './types';

type Assignment = ApprovalsSchemas['AssignmentResponse'];

/** Everyone asked to decide, step by step, with what they decided and said. */
export function Approvers({ assignments }: { assignments: readonly Assignment[] }) {
  const { t, language } = useI18n();
  return (
    <ListTable label={t('request.approvers.title')} rows={assignments} rowKey={(_, index) => index}
      columns={[t('approvals.column.step'), t('request.approvers.who'), t('approvals.column.state'), t('request.approvers.decided'), t('request.approvers.comment')]}
      cells={(a) => [a.step, <Person id={a.approverId ?? a.externalEmail} />, <StateBadge state={a.state} />, formatTime(a.decidedAt, language), a.comment ?? '']} />
  );
}
