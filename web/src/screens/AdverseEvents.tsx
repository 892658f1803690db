// Adverse events on the patient page (issue #6; rems.md "Periodic documentation", REMS-STATUS-FORM):
// the patient's reported events, newest first and paged by the API's cursors, and the form the
// prescribing team records one with. The API checks every field and decides whether an event is
// "of interest"; this screen shows its messages beside each field and its answer, never its own.
import { useId, useState } from 'react';
import { Form } from 'react-aria-components';
import { adverseEventsApi, type AdverseEvent } from '../api/adverse-events.js';
import type { ProgramDefinition } from '../api/api.js';
import { ApiError, messageOfError, remedy } from '../api/errors.js';
import {
  afterRecording,
  bodyOf,
  CATEGORY_LABELS,
  categoryLabel,
  OUTCOME_LABELS,
  outcomeLabel,
  splitFieldErrors,
  type AeDraft,
  type AeFieldErrors,
  wordedFieldErrors,
} from '../lib/adverse-events.js';
import { explainRule } from '../lib/rems-forms.js';
import { useLoad } from '../lib/use-load.js';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { Callout } from '../ui/Callout.js';
import { Card, EmptyState, ErrorState } from '../ui/Card.js';
import { OneOf } from '../ui/Choices.js';
import { Field } from '../ui/Field.js';
import { Select } from '../ui/Select.js';
import { CursorPager, Table } from '../ui/Table.js';
import { formatDate, Loaded } from './common.js';
import styles from './Patient.module.css';

const RULE = 'REMS-STATUS-FORM';
const CATEGORIES = Object.entries(CATEGORY_LABELS).map(([id, label]) => ({ id, label }));
const OUTCOMES = Object.entries(OUTCOME_LABELS).map(([id, label]) => ({ id, label }));
const EMPTY: AeDraft = { category: null, onsetOn: '', serious: null, outcome: null, description: '' };

export function AdverseEventsCard(props: {
  patientId: string;
  mayRecord: boolean;
  program: ProgramDefinition | undefined;
}) {
  // The cursors of the pages before this one, so "Newer" can go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const [recorded, setRecorded] = useState<AdverseEvent | undefined>(undefined);
  const [load, reload] = useLoad(
    () => adverseEventsApi.list(props.patientId, cursor),
    `${props.patientId}|${cursor ?? ''}|${recorded?.id ?? ''}`,
  );
  return (
    <Card title="Adverse events">
      {recorded && <Recorded event={recorded} program={props.program} />}
      <Loaded load={load} what="the adverse events" retry={reload} lines={4}>
        {(page) => (
          <Table
            caption="Adverse events, newest first"
            rowKey={(e) => e.id}
            rows={page.items}
            empty={
              <EmptyState title="No adverse events recorded">
                Record one below when it is reported.
              </EmptyState>
            }
            columns={[
              { key: 'category', header: 'Event', render: (e) => categoryLabel(e.category) },
              { key: 'onset', header: 'Onset', render: (e) => formatDate(e.onsetOn) },
              { key: 'serious', header: 'Serious', render: (e) => (e.serious ? 'Serious' : 'Not serious') },
              { key: 'outcome', header: 'Outcome', render: (e) => outcomeLabel(e.outcome) },
              {
                key: 'interest',
                header: 'Of interest',
                render: (e) => (e.ofInterest ? <Badge tone="warning">of interest</Badge> : '—'),
              },
              { key: 'reported', header: 'Reported', render: (e) => formatDate(e.reportedOn) },
            ]}
            footer={
              <CursorPager
                label={`Page ${cursors.length}`}
                hasPrevious={cursors.length > 1}
                hasNext={page.nextCursor !== null}
                onPrevious={() => {
                  setCursors(cursors.slice(0, -1));
                }}
                onNext={() => {
                  if (page.nextCursor !== null) {
                    setCursors([...cursors, page.nextCursor]);
                  }
                }}
              />
            }
          />
        )}
      </Loaded>
      {props.mayRecord && (
        <RecordForm
          patientId={props.patientId}
          onRecorded={(e) => {
            setRecorded(e);
            setCursors([undefined]);
          }}
        />
      )}
    </Card>
  );
}

function Recorded({ event, program }: { event: AdverseEvent; program: ProgramDefinition | undefined }) {
  const advice = afterRecording(event);
  const [why, setWhy] = useState(false);
  const whyId = useId();
  const rule = explainRule(RULE, program);
  return (
    <Callout
      tone={advice === null ? 'ok' : 'important'}
      title={`Recorded: ${categoryLabel(event.category)}`}
      live
    >
      <p>
        {advice ??
          'The event is recorded. It is not one of the events of interest on the Patient Status Form.'}
      </p>
      <Button
        variant="quiet"
        size="small"
        aria-expanded={why}
        aria-controls={whyId}
        onPress={() => {
          setWhy(!why);
        }}
      >
        Why?
      </Button>
      {why && (
        <dl id={whyId} className={styles.whyList}>
          <div>
            <dt>
              <code>{RULE}</code>
              {rule ? ` — ${rule.title}` : ''}
            </dt>
            <dd>{rule ? rule.text : 'The text of this rule is not available.'}</dd>
            {rule && <dd className={styles.muted}>Source: {rule.source}</dd>}
            <dd className={styles.muted}>
              Events of interest: autoimmune thyroid disease, ITP, anti-GBM disease, other autoimmune events,
              serious infections, malignancy, stroke (rems.md &quot;Periodic documentation&quot;).
            </dd>
          </div>
        </dl>
      )}
    </Callout>
  );
}

function RecordForm(props: { patientId: string; onRecorded: (e: AdverseEvent) => void }) {
  const [draft, setDraft] = useState<AeDraft>(EMPTY);
  const [errors, setErrors] = useState<AeFieldErrors>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<AeDraft>, field: keyof AeFieldErrors) => {
    setDraft({ ...draft, ...patch });
    setErrors({ ...errors, [field]: undefined });
  };
  return (
    <section aria-labelledby="ae-form-title">
      <h3 id="ae-form-title">Record an adverse event</h3>
      <Form
        className={styles.questions}
        aria-labelledby="ae-form-title"
        validationBehavior="aria"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          adverseEventsApi.create(props.patientId, bodyOf(draft)).then(
            (event) => {
              setBusy(false);
              setErrors({});
              setDraft(EMPTY);
              props.onRecorded(event);
            },
            (err: unknown) => {
              setBusy(false);
              if (err instanceof ApiError) {
                const split = splitFieldErrors(err.fieldErrors());
                setErrors(wordedFieldErrors(split.fields, draft));
                if (Object.keys(split.fields).length === 0) {
                  setError(err);
                }
              } else {
                setError(err);
              }
            },
          );
        }}
      >
        <Select
          label="Event"
          options={CATEGORIES}
          value={draft.category}
          onChange={(v) => {
            set({ category: v }, 'category');
          }}
          error={errors.category}
        />
        <Field
          label="Onset date"
          description="The day it began, as YYYY-MM-DD (not after today)."
          value={draft.onsetOn}
          onChange={(v) => {
            set({ onsetOn: v }, 'onsetOn');
          }}
          error={errors.onsetOn}
        />
        <OneOf
          label="Serious?"
          inline
          options={[
            { value: 'yes', label: 'Serious' },
            { value: 'no', label: 'Not serious' },
          ]}
          value={draft.serious ?? undefined}
          onChange={(v) => {
            set({ serious: v }, 'serious');
          }}
          error={errors.serious}
        />
        <Select
          label="Outcome"
          options={OUTCOMES}
          value={draft.outcome}
          onChange={(v) => {
            set({ outcome: v }, 'outcome');
          }}
          error={errors.outcome}
        />
        <Field
          label="Description"
          description="Required for “Other”."
          multiline
          value={draft.description}
          onChange={(v) => {
            set({ description: v }, 'description');
          }}
          error={errors.description}
        />
        {error !== undefined && (
          <ErrorState
            title="The event was not recorded"
            message={messageOfError(error)}
            action={remedy(error)}
          />
        )}
        <div className={styles.actions}>
          <Button type="submit" isDisabled={busy}>
            {busy ? 'Recording…' : 'Record the adverse event'}
          </Button>
        </div>
      </Form>
    </section>
  );
}
