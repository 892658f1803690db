// Loading data for a screen: loading → ready | failed, with a reload. A newer load supersedes an
// older one still in flight, so a slow answer never overwrites a fresh one.
import { useCallback, useEffect, useRef, useState } from 'react';

export type Load<T> = { kind: 'loading' } | { kind: 'failed'; error: unknown } | { kind: 'ready'; data: T };

export function useLoad<T>(fetcher: () => Promise<T>, key: string): [Load<T>, () => void] {
  const [state, setState] = useState<Load<T>>({ kind: 'loading' });
  const generation = useRef(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState({ kind: 'loading' });
    fetcherRef.current().then(
      (data) => {
        if (mine === generation.current) {
          setState({ kind: 'ready', data });
        }
      },
      (error: unknown) => {
        if (mine === generation.current) {
          setState({ kind: 'failed', error });
        }
      },
    );
  }, []);
  useEffect(() => {
    run();
  }, [run, key]);
  return [state, run];
}
