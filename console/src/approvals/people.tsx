import { approvals } from '../api/client';
import { cachedLookup, ResolvedName } from '../layout/ResolvedName';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A member's name as approvals knows it (the caller sees only people of their own organizations); the id otherwise.
const approverName = cachedLookup(async (id) => {
  const { data } = await approvals.GET('/approvers/{userId}', { params: { path: { userId: id } } });
  return data ? data.displayName || data.email : id;
});

/** A person named by id (resolved to their name) or, for an external approver, by address (shown as it is). */
export function Person({ id }: { id: string | null | undefined }) {
  if (!id) return <>—</>;
  return uuid.test(id) ? <ResolvedName id={id} lookup={approverName} /> : <>{id}</>;
}
