import { useEffect, useState } from 'react';

/** A lookup that asks the API once per id and page load, however many rows show that id. */
export function cachedLookup(fetchName: (id: string) => Promise<string>): (id: string) => Promise<string> {
  const names = new Map<string, Promise<string>>();
  return (id) => {
    let name = names.get(id);
    if (!name) {
      name = fetchName(id);
      names.set(id, name);
    }
    return name;
  };
}

/** Shows the id until its name arrives. */
export function ResolvedName({ id, lookup }: { id: string; lookup: (id: string) => Promise<string> }) {
  const [name, setName] = useState(id);
  useEffect(() => {
    let current = true;
    setName(id);
    void lookup(id).then((resolved) => { if (current) setName(resolved); });
    return () => { current = false; };
  }, [id, lookup]);
  return <>{name}</>;
}
