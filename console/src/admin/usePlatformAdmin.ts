import { useEffect, useState } from 'react';
import { identity } from '../api/client';
import { useSession } from '../session/session';

/**
 * Whether the signed-in person is a platform administrator, so the console shows the administration entry. The account
 * does not say, so the console asks the smallest administrators-only question; the API still decides every call.
 */
export function usePlatformAdmin(): boolean {
  const { account, held } = useSession();
  const [admin, setAdmin] = useState(false);
  useEffect(() => {
    let current = true;
    if (!account || held) {
      setAdmin(false);
      return;
    }
    void identity.GET('/admin/users', { params: { query: { pageSize: '1' } } })
      .then(({ response }) => { if (current) setAdmin(response.ok); });
    return () => { current = false; };
  }, [account, held]);
  return admin;
}
