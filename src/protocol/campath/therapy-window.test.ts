import { describe, expect, it } from 'vitest';
import { campathUs } from '../programs/campath-us.js';
import { lemtradaUs } from '../programs/lemtrada-us.js';
import { infusion } from '../test-fixtures.js';
import type { IsoDate, TimelineEvent } from '../timeline.js';
import { therapyWindowEnd } from './therapy-window.js';

const dose = infusion;
const cbc = (date: IsoDate, anc: number, plt: number): TimelineEvent[] => [
  { type: 'lab', date, analyte: 'neutrophils', value: anc, unit: '10*9/L' },
  { type: 'lab', date, analyte: 'platelets', value: plt, unit: '10*9/L' },
];

/** Monday 2025-01-06: 3, 10, 30 mg, then 30 mg Fri; the 12-week window ends 2025-03-31. */
const STARTED: TimelineEvent[] = [
  ...cbc('2025-01-02', 2, 150),
  dose('2025-01-06', 3),
  dose('2025-01-07', 10),
  dose('2025-01-08', 30),
  dose('2025-01-10', 30),
];
const WINDOW_END = '2025-03-31';

const endOf = (events: TimelineEvent[], asOf: IsoDate) =>
  therapyWindowEnd(
    campathUs,
    events
      .filter((e) => e.type === 'infusion')
      .map((e) => e.date)
      .sort()
      .at(-1) ?? null,
    events,
    asOf,
  );

describe('CAM-9 weekly CBC during therapy: the therapy window', () => {
  it.each<{ label: string; events: TimelineEvent[]; asOf: IsoDate; end: IsoDate | null }>([
    { label: 'no dose yet', events: [...cbc('2025-01-02', 2, 150)], asOf: '2025-01-05', end: null },
    { label: 'dosing: first dose + 12 weeks', events: STARTED, asOf: '2025-01-12', end: WINDOW_END },
    {
      label: 'withheld for toxicity (CAM-7a episode 1, open): the window still runs',
      events: [...STARTED, ...cbc('2025-01-13', 0.2, 80)],
      asOf: '2025-02-01',
      end: WINDOW_END,
    },
    {
      label: 'a dose after week 12 moves the end to that dose',
      events: [...STARTED, dose('2025-04-02', 30)],
      asOf: '2025-04-03',
      end: '2025-04-02',
    },
    {
      label: 'discontinued by a 3rd toxicity episode: the window ends on its first day',
      events: [
        ...STARTED,
        ...cbc('2025-01-13', 0.2, 150), // episode 1
        ...cbc('2025-01-15', 0.6, 150), // recovered
        dose('2025-01-15', 30),
        ...cbc('2025-01-17', 0.2, 150), // episode 2
        ...cbc('2025-01-20', 0.6, 150), // recovered
        dose('2025-01-20', 10),
        ...cbc('2025-01-22', 0.2, 150), // episode 3: discontinue
      ],
      asOf: '2025-02-01',
      end: '2025-01-22',
    },
    {
      label: 'the 2nd episode does not discontinue: full window',
      events: [
        ...STARTED,
        ...cbc('2025-01-13', 0.2, 150),
        ...cbc('2025-01-15', 0.6, 150),
        dose('2025-01-15', 30),
        ...cbc('2025-01-17', 0.2, 150),
      ],
      asOf: '2025-02-01',
      end: WINDOW_END,
    },
  ])('$label → $end', ({ events, asOf, end }) => {
    expect(endOf(events, asOf)).toBe(end);
  });

  it('never ends before the last dose given', () => {
    const events = [
      ...STARTED,
      ...cbc('2025-01-13', 0.2, 150),
      ...cbc('2025-01-15', 0.6, 150),
      dose('2025-01-15', 30),
      ...cbc('2025-01-17', 0.2, 150),
      ...cbc('2025-01-20', 0.6, 150),
      dose('2025-01-20', 10),
      ...cbc('2025-01-22', 0.2, 150),
      dose('2025-01-24', 10),
    ];
    expect(endOf(events, '2025-02-01')).toBe('2025-01-24');
  });

  it('Lemtrada has no therapy window beyond its infusions: the last infusion', () => {
    expect(therapyWindowEnd(lemtradaUs, '2025-01-10', [], '2025-03-01')).toBe('2025-01-10');
    expect(therapyWindowEnd(lemtradaUs, null, [], '2025-03-01')).toBeNull();
  });
});
