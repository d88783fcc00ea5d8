import { identity } from '../api/client';
import { cachedLookup, ResolvedName } from '../layout/ResolvedName';

const adminUserName = cachedLookup(async (id) => {
  const { data } = await identity.GET('/admin/users/{id}', { params: { path: { id } } });
  return data ? `${data.firstName} ${data.lastName} (${data.email})` : id;
});

/** A user named by id in administration lists; the id when the account is gone. */
export function UserName({ id }: { id: string }) {
  return <ResolvedName id={id} lookup={adminUserName} />;
}
