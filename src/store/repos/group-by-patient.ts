// Rows of several patients read with one query (a recompute or sweep batch), split per patient.

/** Each patient's rows, in the order they came. */
export function groupByPatient<T extends { patientId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.patientId);
    if (list) {
      list.push(row);
    } else {
      out.set(row.patientId, [row]);
    }
  }
  return out;
}
