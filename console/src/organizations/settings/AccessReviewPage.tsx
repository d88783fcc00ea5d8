import { useEffect, useState } from 'react';
import { NativeSelect, Stack, Text } from '@mantine/core';
import { membership } from '../../api/client';
import type { components } from '../../api/generated/membership';
import { asProblem, describe } from '../../api/problem';
import { ListTable } from '../../layout/ListTable';
import { Section } from '../../layout/Section';
import { displayName } from '../members/displayName';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';

type Review = components['schemas']['AccessReviewResponse'];
type Reviewed = components['schemas']['ReviewedMember'];

/** Who holds what: the owner and admins first, then every member's rank and roles with the last login; optionally only the inactive. */
export default function AccessReviewPage() {
  const { organization } = useOrganization();
  const { t, word, date } = useOrganizationText();
  const [inactiveDays, setInactiveDays] = useState('');
  const [review, setReview] = useState<Review | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      const { data, error } = await membership.GET('/organizations/{organizationId}/access-review', {
        params: { path: { organizationId: organization.id }, query: { inactiveDays: inactiveDays ? Number(inactiveDays) : undefined, pageSize: 100 } },
      });
      setReview(data ?? null);
      setProblem(data ? null : describe(asProblem(error)));
    })();
  }, [organization.id, inactiveDays]);

  const columns = [t('members.name'), t('members.email'), t('members.rank'), t('review.roles'), t('review.lastLogin')];
  const cells = (m: Reviewed) => [displayName(m), m.email, word('rank', m.rank) + (m.scopeUnitName ? ` (${m.scopeUnitName})` : ''),
    m.roles.map((r) => r.roleName).join(', '), m.lastLoginAt ? date(m.lastLoginAt) : t('review.never')];
  return (
    <Stack>
      {problem && <Text role="alert">{problem}</Text>}
      <NativeSelect label={t('review.inactive')} value={inactiveDays} onChange={(e) => setInactiveDays(e.currentTarget.value)}
        data={[{ value: '', label: t('review.everyone') }, ...['30', '90', '365'].map((days) => ({ value: days, label: t('review.days', { days }) }))]} />
      {review && (
        <>
          <Section title={t('review.administrators')}>
            <ListTable label={t('review.administrators')} columns={columns} rows={review.administrators} rowKey={(m) => m.userId} cells={cells} />
          </Section>
          <Section title={t('review.members', { total: review.members.total })}>
            <ListTable label={t('review.membersTable')} columns={columns} rows={review.members.items} rowKey={(m) => m.userId} cells={cells} />
          </Section>
        </>
      )}
    </Stack>
  );
}
