import { describe, expect, it } from 'vitest';
import { cdsDiscoverySchema } from '../../contracts/cds-hooks.js';
import { PROGRAMS } from '../../protocol/programs/index.js';
import { CDS_SERVICE_IDS, discovery } from './discovery.js';

describe('CDS Hooks 2.0 discovery', () => {
  const response = discovery();

  it('is a valid discovery response', () => {
    expect(cdsDiscoverySchema.parse(response)).toEqual(response);
  });

  it('offers order-select, order-sign and patient-view, each with its own id', () => {
    expect(response.services.map((s) => [s.hook, s.id])).toEqual([
      ['order-select', CDS_SERVICE_IDS.orderSelect],
      ['order-sign', CDS_SERVICE_IDS.orderSign],
      ['patient-view', CDS_SERVICE_IDS.patientView],
    ]);
  });

  it('prefetches the patient (and the ordering practitioner for orders) with spec templates', () => {
    const prefetch = Object.fromEntries(response.services.map((s) => [s.hook, s.prefetch]));
    expect(prefetch['patient-view']).toEqual({ patient: 'Patient/{{context.patientId}}' });
    expect(prefetch['order-sign']).toEqual({
      patient: 'Patient/{{context.patientId}}',
      practitioner: '{{context.userId}}',
    });
    expect(prefetch['order-select']).toEqual(prefetch['order-sign']);
  });

  it('names every program drug in the order services', () => {
    const description = response.services[0]?.description ?? '';
    for (const program of PROGRAMS) {
      expect(description).toContain(program.drug.name);
    }
  });
});
