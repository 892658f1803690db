// Passwords are stored only as argon2id PHC strings (@node-rs/argon2 defaults: argon2id,
// m=19 MiB, t=2, p=1, the OWASP baseline). Verification of an unknown account still costs one
// argon2 verification, so response time does not reveal which emails exist.
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/** True only when `password` matches `passwordHash`; a null hash is checked against a dummy. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hash('vigil-no-such-account-dummy-password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
