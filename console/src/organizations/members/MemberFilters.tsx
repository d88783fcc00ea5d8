import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { ranks } from '../ranks';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { unitChoice } from '../units/unitLabels';

export interface MemberQuery {
  search: string;
  state: string;
  rank: string;
  unitId: string;
}

/** Search and filters; the server does the searching, so a search is sent when the person submits it. */
export function MemberFilters({ query, onChange }: { query: MemberQuery; onChange: (query: MemberQuery) => void }) {
  const { t, word } = useOrganizationText();
  const { units } = useOrganization();
  const [search, setSearch] = useState(query.search);
  const any = { value: '', label: t('filter.any') };

  function submit(event: FormEvent) {
    event.preventDefault();
    onChange({ ...query, search: search.trim() });
  }

  return (
    <form onSubmit={submit} role="search">
      <Group align="flex-end">
        <TextInput label={t('members.search')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Button type="submit" variant="default">{t('members.searchSubmit')}</Button>
        <NativeSelect label={t('members.state')} value={query.state} onChange={(e) => onChange({ ...query, state: e.currentTarget.value })}
          data={[any, ...['active', 'suspended'].map((s) => ({ value: s, label: word('state', s) }))]} />
        <NativeSelect label={t('members.rank')} value={query.rank} onChange={(e) => onChange({ ...query, rank: e.currentTarget.value })}
          data={[any, ...[...ranks].reverse().map((r) => ({ value: r, label: word('rank', r) }))]} />
        <NativeSelect label={t('members.unit')} value={query.unitId} onChange={(e) => onChange({ ...query, unitId: e.currentTarget.value })}
          data={[any, ...units.map(unitChoice)]} />
      </Group>
    </form>
  );
}
