// Monitoring test codes as people read them (protocol.md §0, "Test codes"). Display only: the
// code itself is what a CarePlan activity is keyed by.

const TEST_TEXT: ReadonlyMap<string, string> = new Map([
  ['cbc-diff', 'CBC with differential'],
  ['creatinine', 'Serum creatinine'],
  ['urinalysis', 'Urinalysis with urine cell counts'],
  ['tsh', 'Thyroid function (TSH)'],
  ['liver', 'Liver tests (ALT, AST, total bilirubin)'],
  ['upcr', 'Urine protein:creatinine ratio'],
  ['skin-exam', 'Skin examination'],
  ['hpv-screening', 'HPV screening'],
  ['itp-questionnaire', 'ITP symptom questionnaire'],
  ['cd4', 'CD4+ count'],
]);

/** A test code a program adds later reads as its code rather than failing. */
export function testText(test: string): string {
  return TEST_TEXT.get(test) ?? test;
}
