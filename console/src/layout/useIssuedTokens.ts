import { useCallback, useEffect, useState } from 'react';
import { asProblem, type Problem } from '../api/problem';

/**
 * A list of API tokens with issuing (the secret kept to show once) and revoking, whichever API owns them: the caller
 * passes the calls, this keeps the list, the secret and the problem to show.
 */
export function useIssuedTokens<T>(list: () => Promise<T[] | undefined>) {
  const [tokens, setTokens] = useState<T[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = useCallback(async () => setTokens((await list()) ?? []), [list]);
  useEffect(() => { void load(); }, [load]);

  /** True when the token was issued; its secret is then shown. */
  async function issue(call: () => Promise<{ data?: { token: string }; error?: unknown }>): Promise<boolean> {
    setProblem(null);
    setSecret(null);
    const { data, error } = await call();
    if (!data) {
      setProblem(asProblem(error));
      return false;
    }
    setSecret(data.token);
    await load();
    return true;
  }

  async function revoke(call: () => Promise<{ response: Response; error?: unknown }>) {
    const { response, error } = await call();
    setProblem(response.ok ? null : asProblem(error));
    await load();
  }

  return { tokens, secret, problem, issue, revoke };
}
