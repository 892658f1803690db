// What a rendered message is, and the pieces every template shares.

export interface RenderContext {
  /** The patient's first name, or null when none is on file. */
  firstName: string | null;
  /** Vigil's public origin (config.publicUrl), for the link. */
  publicUrl: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  /** The link in the body, also given to webhooks as a field. */
  link: string;
}

/** "Hello Anna," or "Hello," when no first name is on file. */
export function greeting(firstName: string | null): string {
  return firstName === null || firstName.trim() === '' ? 'Hello,' : `Hello ${firstName.trim()},`;
}

export function link(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}
