// Plain words for monitoring test codes (protocol.md §0) in messages to patients. Presentation
// only: what a test is called, never why it is done or what a result was.
const WORDS: Record<string, string> = {
  'cbc-diff': 'blood count',
  creatinine: 'kidney blood test',
  urinalysis: 'urine test',
  tsh: 'thyroid blood test',
  liver: 'liver blood test',
  upcr: 'urine protein test',
  cd4: 'CD4 blood count',
  'skin-exam': 'skin check',
  'hpv-screening': 'HPV screening',
  'itp-questionnaire': 'bleeding symptoms questionnaire',
};

export function testWords(tests: readonly string[]): string {
  const words = [...new Set(tests.map((t) => WORDS[t] ?? t))];
  if (words.length <= 1) {
    return words.join('');
  }
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}
