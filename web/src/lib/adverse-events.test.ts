import { describe, expect, it } from 'vitest';
import { ADVERSE_EVENT_CATEGORIES, ADVERSE_EVENT_OUTCOMES } from '../../../src/rems/adverse-events.js';
import {
  afterRecording,
  bodyOf,
  categoryLabel,
  outcomeLabel,
  splitFieldErrors,
  wordedFieldErrors,
} from './adverse-events.js';

describe('adverse event words', () => {
  it('names every category and outcome the API can return in words, not codes', () => {
    for (const c of ADVERSE_EVENT_CATEGORIES) {
      expect(categoryLabel(c)).not.toBe(c);
    }
    for (const o of ADVERSE_EVENT_OUTCOMES) {
      expect(outcomeLabel(o)).not.toBe(o);
    }
    expect(categoryLabel('itp')).toBe('Immune thrombocytopenia (ITP)');
    expect(outcomeLabel(null)).toBe('Not stated');
    expect(categoryLabel('new-code')).toBe('new-code');
  });
});

describe('bodyOf', () => {
  it('leaves empty fields out so the API names them', () => {
    expect(bodyOf({ category: null, onsetOn: ' ', serious: null, outcome: null, description: '' })).toEqual(
      {},
    );
  });
  it('sends serious as a boolean, "no" included', () => {
    expect(
      bodyOf({
        category: 'itp',
        onsetOn: '2026-11-01',
        serious: 'no',
        outcome: 'recovering',
        description: ' x ',
      }),
    ).toEqual({
      category: 'itp',
      onsetOn: '2026-11-01',
      serious: false,
      outcome: 'recovering',
      description: 'x',
    });
  });
});

describe('splitFieldErrors', () => {
  it('puts the form fields beside the field and the rest in a general message', () => {
    expect(splitFieldErrors({ onsetOn: 'Required', limit: 'too big' })).toEqual({
      fields: { onsetOn: 'Required' },
      other: ['limit: too big'],
    });
  });
});

describe('afterRecording', () => {
  it('says to report a serious event of interest now', () => {
    expect(afterRecording({ ofInterest: true, serious: true })).toMatch(/Patient Status Form.*now/);
  });
  it('says nothing for a non-serious event outside the list', () => {
    expect(afterRecording({ ofInterest: false, serious: false })).toBeNull();
    expect(afterRecording({ ofInterest: true, serious: false })).toMatch(/Patient Status Form/);
  });
  it('points a serious event outside the list to the usual reporting route, naming no channel of its own', () => {
    const text = afterRecording({ ofInterest: false, serious: true });
    expect(text).toMatch(/usual route/);
    expect(text).not.toMatch(/MedWatch|manufacturer/);
  });
});

describe('wordedFieldErrors', () => {
  it('words a missing field and keeps the API message for a field that was sent', () => {
    const draft = { category: 'itp', onsetOn: '2999-01-01', serious: null, outcome: null, description: '' };
    expect(
      wordedFieldErrors(
        {
          category: 'x',
          onsetOn: 'The onset date is after today.',
          serious: 'Invalid input: expected boolean',
        },
        draft,
      ),
    ).toEqual({
      category: 'x',
      onsetOn: 'The onset date is after today.',
      serious: 'Say whether the event is serious: unknown seriousness is not “not serious”.',
    });
  });
});
