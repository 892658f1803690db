// `vigil serve` as a real child process, for the crash and shutdown tests (issue #8). The child is
// `node --import tsx src/cli/main.ts serve`: one process (the `tsx` launcher would add a parent
// that a SIGKILL would not reach), so the pid we kill is the pid in the PGlite lock file.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';

export const ROOT = join(import.meta.dirname, '..');

export interface ServeTarget {
  /** A PostgreSQL database URL, or undefined for PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
}

export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Milliseconds from spawn to the "listening" line. */
  startMs: number;
  /** Everything the child wrote so far (for failure messages). */
  output: () => string;
  /** Resolves with the exit code (or the signal name) when the child ends. */
  exited: Promise<number | string>;
}

/** Start `vigil serve` on a free port and wait for its "listening on" line. */
export async function startServe(target: ServeTarget): Promise<ServeProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    VIGIL_DATA_DIR: target.dataDir,
    VIGIL_LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  };
  delete env.DATABASE_URL;
  if (target.databaseUrl !== undefined) {
    env.DATABASE_URL = target.databaseUrl;
  }
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    out += chunk;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1] !== undefined) {
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      reject(new Error(`vigil serve exited (${String(code)}) before listening:\n${out}`));
    });
  });
  if (child.pid === undefined) {
    throw new Error('no pid');
  }
  return { child, pid: child.pid, url, startMs: performance.now() - started, output: () => out, exited };
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, mode: 'bearer' }),
  });
  if (res.status !== 200) {
    throw new Error(`login failed: ${res.status} ${await res.text()}`);
  }
  return ((await res.json()) as { token: string }).token;
}

export type SendOutcome =
  | { kind: 'acked'; status: number; body: unknown }
  | { kind: 'refused'; status: number }
  | { kind: 'unanswered'; error: string };

/** POST one JSON body; a network error (killed server, refused connection) is 'unanswered'. */
export async function postJson(url: string, token: string, body: unknown): Promise<SendOutcome> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status < 200 || res.status >= 300) {
      return { kind: 'refused', status: res.status };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { kind: 'acked', status: res.status, body: parsed };
  } catch (err) {
    // fetch wraps the socket error (ECONNRESET, ECONNREFUSED) as its cause.
    const cause: unknown = err instanceof Error ? err.cause : undefined;
    const message = cause instanceof Error ? cause.message : err instanceof Error ? err.message : 'unknown';
    return { kind: 'unanswered', error: message };
  }
}

/**
 * A POST whose body is still being uploaded: resolves `accepted` once the server has read the
 * headers and handed the request to the app (the `100 Continue` Node sends before it emits
 * 'request'), and `finish()` then sends the rest of the body and resolves with the status.
 */
export function slowPost(
  url: string,
  token: string,
  body: unknown,
): { accepted: Promise<void>; finish: () => Promise<number> } {
  const text = JSON.stringify(body);
  const target = new URL(url);
  const req = request({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      authorization: `Bearer ${token}`,
      expect: '100-continue',
    },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.once('response', (res) => {
      res.resume();
      res.once('end', () => {
        resolve(res.statusCode ?? 0);
      });
    });
    req.once('error', reject);
  });
  const accepted = new Promise<void>((resolve, reject) => {
    req.once('continue', () => {
      resolve();
    });
    req.once('error', reject);
  });
  req.flushHeaders();
  return {
    accepted,
    finish: () => {
      const half = Math.floor(text.length / 2);
      req.write(text.slice(0, half));
      req.end(text.slice(half));
      return status;
    },
  };
}

// --- A PostgreSQL database of its own, so other tests on the shared server are not disturbed.

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Create an empty database `name` on the server of `url`; returns its URL. */
export async function createDatabase(url: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Unexpected database name: ${name}`);
  }
  await admin(url, async (c) => {
    await c.query(`drop database if exists "${name}" with (force)`);
    await c.query(`create database "${name}"`);
  });
  return withDatabase(url, name);
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Unexpected database name: ${name}`);
  }
  await admin(url, (c) => c.query(`drop database if exists "${name}" with (force)`));
}
