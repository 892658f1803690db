// Helpers for the HTTP tests: a configuration without the environment, and a log sink whose
// lines a test can search (the no-PII-in-logs test reads it).
import { Writable } from 'node:stream';
import { parseConfig } from '../config.js';
import type { Config } from '../config.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...parseConfig({ VIGIL_LOG_LEVEL: 'info' }), ...overrides };
}

export interface LogCapture {
  stream: Writable;
  /** Everything logged so far, one JSON object per line. */
  text: () => string;
}

export function captureLog(): LogCapture {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}
