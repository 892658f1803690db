/** Class names joined, skipping the absent ones (CSS module lookups are `string | undefined`). */
export function cx(...names: (string | undefined | false | null)[]): string {
  return names.filter((n): n is string => typeof n === 'string' && n !== '').join(' ');
}
