// Same-origin check for state-changing requests authenticated by cookie (CSRF defence in depth
// beside SameSite=Strict): the Origin header, or failing that the Referer, must name this host
// or the configured public URL. Bearer-token requests are not subject to it: a browser never
// attaches a bearer token on its own.

export type OriginVerdict = { kind: 'same-origin' } | { kind: 'cross-origin'; reason: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param headers the request's Origin and Referer headers
 * @param host the request's Host header (`localhost:3000`)
 * @param publicUrl config.publicUrl
 */
export function checkOrigin(
  headers: { origin?: string | undefined; referer?: string | undefined },
  host: string | undefined,
  publicUrl: string,
): OriginVerdict {
  const claimed = headers.origin ?? headers.referer;
  if (claimed === undefined || claimed === 'null') {
    return { kind: 'cross-origin', reason: 'no Origin or Referer header' };
  }
  const origin = originOf(claimed);
  if (origin === undefined) {
    return { kind: 'cross-origin', reason: 'unreadable Origin or Referer header' };
  }
  if (origin === originOf(publicUrl)) {
    return { kind: 'same-origin' };
  }
  if (host !== undefined && new URL(origin).host === host.toLowerCase()) {
    return { kind: 'same-origin' };
  }
  return { kind: 'cross-origin', reason: 'Origin does not match this site' };
}
