// The nurse's home (issue #6): today's infusions at their healthcare setting. For each: the
// pre-infusion gate as a checklist (INF-1, INF-2, PRE-1, PRE-3, INF-3 — met / unmet / unknown as
// the API decided, each with "Why?"), the facts the gate asks for, Start (refused by the API while
// a requirement is outstanding; an override needs a typed reason, stored and audited), the
// infusion record (INF-3, INF-5, INF-6, ADM-3), the INF-4 observation countdown on the server's
// clock and the discharge.
import { useEffect, useState } from 'react';
import { api, type Patient, type ProgramDefinition } from '../api/api.js';
import { clinicApi, type Gate, type InfusionDay as InfusionDayRow } from '../api/clinic.js';
import { ApiError, messageOfError, remedy } from '../api/errors.js';
import { usePrincipal } from '../app/session.js';
import {
  clockOffset,
  clockTime,
  completeBody,
  EMPTY_PRE_INFUSION,
  factsToAsk,
  observation,
  preInfusionBody,
  requirementLabel,
  strokeEducation,
  type FactField,
  type PreInfusionForm,
  type RecordForm,
} from '../lib/infusion-day.js';
import { useLoad } from '../lib/use-load.js';
import { Badge, StatusBadge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { Card, EmptyState, ErrorState } from '../ui/Card.js';
import { Field } from '../ui/Field.js';
import type { Tone } from '../ui/tones.js';
import { formatDate, formatInstant, Loaded, patientName } from './common.js';
import { ReasonDialog, RuleWhy } from './clinic-parts.js';
import styles from './Clinic.module.css';

const REQUIREMENT_TONE: Record<Gate['requirements'][number]['status'], Tone> = {
  met: 'ok',
  unmet: 'overdue',
  unknown: 'warning',
};

/** The browser's calendar date of an instant (the ward's "today"). */
function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Day {
  /** Server clock minus browser clock, ms. */
  offset: number;
  date: string;
  items: InfusionDayRow[];
}

async function loadDay(settingId: string): Promise<Day> {
  const sent = Date.now();
  const health = await clinicApi.health();
  const offset = clockOffset(health.time, sent, Date.now());
  const date = localDate(Date.now() + offset);
  const day = await clinicApi.settingDay(settingId, date);
  return { offset, date, items: day.items };
}

/** The server's "now", ticking every second. */
function useServerNow(offset: number): number {
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now() + offset);
    }, 1000);
    return () => {
      window.clearInterval(timer);
    };
  }, [offset]);
  return now;
}

export function InfusionDay() {
  const principal = usePrincipal();
  const [load, reload] = useLoad(() => loadDay(principal.organizationId), principal.organizationId);
  return (
    <>
      <h1>Today’s infusions</h1>
      <Loaded load={load} what="today’s infusions" retry={reload} lines={6}>
        {(day) => (
          <>
            <p className={styles.sub}>
              {formatDate(day.date)} · {day.items.length} infusion{day.items.length === 1 ? '' : 's'} at your
              setting
            </p>
            {day.items.length === 0 ? (
              <Card>
                <EmptyState title="No infusions scheduled today">
                  Infusions appear here when the prescriber schedules them at your setting.
                </EmptyState>
              </Card>
            ) : (
              day.items.map((i) => (
                <InfusionCard key={i.id} initial={i} offset={day.offset} date={day.date} />
              ))
            )}
          </>
        )}
      </Loaded>
    </>
  );
}

interface Context {
  patient: Patient;
  program: ProgramDefinition | undefined;
}

async function loadContext(patientId: string): Promise<Context> {
  const [patient, verdict] = await Promise.all([api.patient(patientId), api.patientState(patientId)]);
  // The rule texts ("Why?") come from the program version the patient is evaluated under.
  const program = await api.program(verdict.protocolVersion).catch(() => undefined);
  return { patient, program };
}

function InfusionCard(props: { initial: InfusionDayRow; offset: number; date: string }) {
  const [infusion, setInfusion] = useState(props.initial);
  const [context, reloadContext] = useLoad(() => loadContext(infusion.patientId), infusion.patientId);
  const ready = context.kind === 'ready' ? context.data : undefined;
  const name = patientName(ready?.patient, infusion.patientId);
  const headingId = `inf-${infusion.id}`;
  const discharged = infusion.dischargedAt !== null;
  return (
    <Card title={name} labelledBy={headingId}>
      <div className={styles.meta}>
        <StatusBadge status={discharged ? 'discharged' : infusion.status} />
        <span>{infusion.doseMg} mg</span>
        {ready && <span className={styles.muted}>{ready.program?.title ?? ready.patient.program}</span>}
        <span className={styles.muted}>
          ID <code>{infusion.id}</code>
        </span>
      </div>
      {context.kind === 'failed' && (
        <ErrorState
          title="Could not load the patient and the program’s rule texts"
          message={messageOfError(context.error)}
          action={remedy(context.error)}
          onRetry={reloadContext}
        />
      )}
      {infusion.status === 'scheduled' && (
        <GateSection infusion={infusion} program={ready?.program} onChanged={setInfusion} />
      )}
      {infusion.status === 'started' && (
        <RecordSection
          infusion={infusion}
          program={ready?.program}
          offset={props.offset}
          date={props.date}
          onChanged={setInfusion}
        />
      )}
      {infusion.status === 'completed' && (
        <ObservationSection infusion={infusion} offset={props.offset} onChanged={setInfusion} />
      )}
      {(infusion.status === 'stopped' || infusion.status === 'cancelled') && (
        <p>This infusion is {infusion.status}; nothing is left to record here.</p>
      )}
    </Card>
  );
}

function GateSection(props: {
  infusion: InfusionDayRow;
  program: ProgramDefinition | undefined;
  onChanged: (i: InfusionDayRow) => void;
}) {
  const { infusion } = props;
  const [gate, reloadGate] = useLoad(() => clinicApi.gate(infusion.id), infusion.id);
  const [startError, setStartError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const start = async (reason?: string) => {
    const started = await clinicApi.start(infusion.id, reason);
    props.onChanged(started);
  };

  return (
    <Loaded load={gate} what="the pre-infusion checklist" retry={reloadGate} lines={6}>
      {(g) => {
        const asked = factsToAsk(g);
        return (
          <>
            <section className={styles.section} aria-label="Pre-infusion checklist">
              <h3>
                Pre-infusion checklist · course {g.course}, day {g.courseDay}
              </h3>
              <ul className={styles.checklist}>
                {g.requirements.map((r) => (
                  <li key={r.item} aria-label={`${requirementLabel(r.item)}: ${r.status}`}>
                    <div className={styles.requirement}>
                      <Badge tone={REQUIREMENT_TONE[r.status]}>{r.status}</Badge>
                      <strong>{requirementLabel(r.item)}</strong>
                      <code>{r.rule}</code>
                      <RuleWhy
                        rule={r.rule}
                        program={props.program}
                        label={`Why? ${requirementLabel(r.item)} (${r.rule})`}
                      />
                      <p className={styles.requirementMessage}>{r.message}</p>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
            {asked.length > 0 && (
              <PreInfusionFormView
                key={`${infusion.id}-${asked.join(',')}`}
                infusion={infusion}
                asked={asked}
                onSaved={(updated) => {
                  props.onChanged(updated);
                  reloadGate();
                }}
              />
            )}
            <section className={styles.section} aria-label="Start">
              {g.decision === 'blocked' && (
                <div className={styles.blocked} role="status">
                  <strong>Start is blocked until these are met:</strong>
                  <ul>
                    {g.outstanding.map((r) => (
                      <li key={r.item}>
                        {requirementLabel(r.item)} ({r.rule}, {r.status}): {r.message}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {startError !== undefined && (
                <ErrorState
                  title="The infusion did not start"
                  message={messageOfError(startError)}
                  action={remedy(startError)}
                  onRetry={reloadGate}
                />
              )}
              <div className={styles.buttons}>
                <Button
                  isDisabled={g.decision !== 'clear' || busy}
                  onPress={() => {
                    setBusy(true);
                    setStartError(undefined);
                    start().then(
                      () => {
                        setBusy(false);
                      },
                      (err: unknown) => {
                        setBusy(false);
                        setStartError(err);
                      },
                    );
                  }}
                >
                  {busy ? 'Starting…' : 'Start infusion'}
                </Button>
                {g.decision === 'blocked' && (
                  <ReasonDialog
                    trigger="Start with override…"
                    title="Start despite outstanding requirements"
                    explanation={`Outstanding: ${g.outstanding
                      .map((r) => `${requirementLabel(r.item)} (${r.rule})`)
                      .join(', ')}. Starting anyway is an override: type why.`}
                    confirm="Start with override"
                    variant="danger"
                    onConfirm={(reason) => start(reason)}
                  />
                )}
              </div>
            </section>
          </>
        );
      }}
    </Loaded>
  );
}

function PreInfusionFormView(props: {
  infusion: InfusionDayRow;
  asked: readonly FactField[];
  onSaved: (i: InfusionDayRow) => void;
}) {
  const [form, setForm] = useState<PreInfusionForm>(EMPTY_PRE_INFUSION);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof PreInfusionForm>(key: K, value: PreInfusionForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== key && k !== 'form')));
  };
  const vital = (
    key: 'systolic' | 'diastolic' | 'heartRate' | 'temperature' | 'respiratoryRate' | 'oxygenSaturation',
    label: string,
  ) => (
    <Field
      label={label}
      inputMode="decimal"
      value={form[key]}
      onChange={(v) => {
        set(key, v);
      }}
      error={errors[key]}
    />
  );
  const save = () => {
    const checked = preInfusionBody(form, props.asked, new Date().toISOString());
    if (checked.kind === 'invalid') {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    clinicApi.preInfusion(props.infusion.id, checked.body).then(
      (updated) => {
        setBusy(false);
        setForm(EMPTY_PRE_INFUSION);
        props.onSaved(updated);
      },
      (err: unknown) => {
        setBusy(false);
        setFailure(err);
        if (err instanceof ApiError) {
          setErrors(err.fieldErrors());
        }
      },
    );
  };
  return (
    <form
      className={styles.section}
      aria-label="Pre-infusion facts"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3>Record what the checklist asks for</h3>
      {failure !== undefined && (
        <ErrorState
          title="The facts were not saved"
          message={messageOfError(failure)}
          action={remedy(failure)}
        />
      )}
      {props.asked.includes('vitals') && (
        <fieldset className={styles.fieldset}>
          <legend>Vital signs before the infusion (INF-3)</legend>
          <div className={styles.fields}>
            {vital('systolic', 'Systolic (mmHg)')}
            {vital('diastolic', 'Diastolic (mmHg)')}
            {vital('heartRate', 'Heart rate (bpm)')}
            {vital('temperature', 'Temperature (°C)')}
            {vital('respiratoryRate', 'Respiratory rate (/min)')}
            {vital('oxygenSaturation', 'SpO₂ (%)')}
          </div>
        </fieldset>
      )}
      {props.asked.includes('activeInfection') && (
        <fieldset className={styles.fieldset}>
          <legend>Active infection at the pre-infusion assessment? (INF-2, CI-3)</legend>
          <div className={styles.radios}>
            <label>
              <input
                type="radio"
                name={`infection-${props.infusion.id}`}
                checked={form.activeInfection === false}
                onChange={() => {
                  set('activeInfection', false);
                }}
              />
              No active infection
            </label>
            <label>
              <input
                type="radio"
                name={`infection-${props.infusion.id}`}
                checked={form.activeInfection === true}
                onChange={() => {
                  set('activeInfection', true);
                }}
              />
              Active infection found
            </label>
          </div>
        </fieldset>
      )}
      {props.asked.includes('steroidGiven') && (
        <label className={styles.choice}>
          <input
            type="checkbox"
            checked={form.steroidGiven === true}
            onChange={(e) => {
              set('steroidGiven', e.target.checked ? true : undefined);
            }}
          />
          Corticosteroid premedication given (PRE-1)
        </label>
      )}
      {props.asked.includes('antiviralStarted') && (
        <label className={styles.choice}>
          <input
            type="checkbox"
            checked={form.antiviralStarted === true}
            onChange={(e) => {
              set('antiviralStarted', e.target.checked ? true : undefined);
            }}
          />
          Herpes antiviral prophylaxis started (PRE-3)
        </label>
      )}
      {errors.form !== undefined && <p className={styles.formError}>{errors.form}</p>}
      <div className={styles.buttons}>
        <Button type="submit" variant="secondary" isDisabled={busy}>
          {busy ? 'Saving…' : 'Save pre-infusion facts'}
        </Button>
      </div>
    </form>
  );
}

function RecordSection(props: {
  infusion: InfusionDayRow;
  program: ProgramDefinition | undefined;
  offset: number;
  date: string;
  onChanged: (i: InfusionDayRow) => void;
}) {
  const { infusion } = props;
  const [form, setForm] = useState<RecordForm>(() => ({
    end: clockTime(Date.now() + props.offset),
    vitalsDuring: [''],
    reactions: [],
    lot: infusion.lot ?? '',
    strokeEducationAcknowledged: false,
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const education = props.program ? strokeEducation(props.program) : undefined;
  const update = (patch: Partial<RecordForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors({});
  };
  const save = () => {
    const checked = completeBody(form, props.date);
    if (checked.kind === 'invalid') {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    clinicApi.complete(infusion.id, checked.body).then(
      (updated) => {
        setBusy(false);
        props.onChanged(updated);
      },
      (err: unknown) => {
        setBusy(false);
        setFailure(err);
      },
    );
  };
  return (
    <form
      className={styles.section}
      aria-label="Infusion record"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3>Infusion record</h3>
      <p className={styles.muted}>
        Started {infusion.startedAt ? formatInstant(infusion.startedAt) : '—'}
        {infusion.overrideReason !== null && ` · started with an override: ${infusion.overrideReason}`}
        {' · '}Premedication: corticosteroid{' '}
        {infusion.steroidGiven === null ? 'not recorded' : infusion.steroidGiven ? 'given' : 'not given'}
      </p>
      {failure !== undefined && (
        <ErrorState
          title="The record was not saved"
          message={messageOfError(failure)}
          action={remedy(failure)}
        />
      )}
      <div className={styles.row}>
        <Field
          label="Infusion end time (HH:MM)"
          value={form.end}
          onChange={(v) => {
            update({ end: v });
          }}
          error={errors.end}
        />
        <Field
          label="Lot number (ADM-3)"
          value={form.lot}
          onChange={(v) => {
            update({ lot: v });
          }}
          error={errors.lot}
        />
      </div>
      <fieldset className={styles.fieldset}>
        <legend>Vital signs during the infusion (INF-3)</legend>
        {form.vitalsDuring.map((t, i) => (
          <div className={styles.row} key={i}>
            <Field
              label={`Vital signs taken at (HH:MM) #${i + 1}`}
              value={t}
              onChange={(v) => {
                update({ vitalsDuring: form.vitalsDuring.map((x, j) => (j === i ? v : x)) });
              }}
              error={errors[`vitalsDuring.${i}`]}
            />
          </div>
        ))}
        <Button
          variant="quiet"
          size="small"
          onPress={() => {
            update({ vitalsDuring: [...form.vitalsDuring, ''] });
          }}
        >
          Add a time
        </Button>
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend>Infusion reactions (INF-6)</legend>
        {form.reactions.length === 0 && <p className={styles.muted}>None recorded.</p>}
        {form.reactions.map((r, i) => (
          <div className={styles.row} key={i}>
            <Field
              label={`Reaction ${i + 1}: CTCAE grade (1–5)`}
              inputMode="numeric"
              value={r.grade}
              onChange={(v) => {
                update({ reactions: form.reactions.map((x, j) => (j === i ? { ...x, grade: v } : x)) });
              }}
              error={errors[`reactions.${i}.grade`]}
            />
            <Field
              label={`Reaction ${i + 1}: onset (HH:MM)`}
              value={r.onset}
              onChange={(v) => {
                update({ reactions: form.reactions.map((x, j) => (j === i ? { ...x, onset: v } : x)) });
              }}
              error={errors[`reactions.${i}.onset`]}
            />
            <Button
              variant="quiet"
              size="small"
              aria-label={`Remove reaction ${i + 1}`}
              onPress={() => {
                update({ reactions: form.reactions.filter((_, j) => j !== i) });
              }}
            >
              Remove
            </Button>
          </div>
        ))}
        <Button
          variant="quiet"
          size="small"
          onPress={() => {
            update({
              reactions: [...form.reactions, { grade: '', onset: clockTime(Date.now() + props.offset) }],
            });
          }}
        >
          Add a reaction
        </Button>
      </fieldset>
      <StrokeEducationBlock education={education} program={props.program} />
      <label className={styles.choice}>
        <input
          type="checkbox"
          checked={form.strokeEducationAcknowledged}
          onChange={(e) => {
            update({ strokeEducationAcknowledged: e.target.checked });
          }}
        />
        The patient was given the stroke warning and acknowledged it (INF-5)
      </label>
      <div className={styles.buttons}>
        <Button type="submit" isDisabled={busy}>
          {busy ? 'Saving…' : 'Complete infusion record'}
        </Button>
      </div>
    </form>
  );
}

function StrokeEducationBlock(props: {
  education: ReturnType<typeof strokeEducation>;
  program: ProgramDefinition | undefined;
}) {
  const e = props.education;
  return (
    <section className={styles.education} aria-label="Stroke warning for the patient">
      <strong>Tell the patient: stroke and artery-tear warning (INF-5)</strong>
      {e ? (
        <>
          <p>{e.text}</p>
          {e.signs.length > 0 && (
            <>
              <span>Signs to watch for:</span>
              <ul>
                {e.signs.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          )}
          {e.advice !== undefined && (
            <p>
              <strong>{e.advice}</strong>
            </p>
          )}
          <RuleWhy rule={e.rule} program={props.program} label="Why? Stroke warning (INF-5)" />
        </>
      ) : (
        <p>
          The program’s text did not load: give the stroke and arterial dissection warning from the Medication
          Guide, and have the patient call emergency services for any sign.
        </p>
      )}
    </section>
  );
}

function ObservationSection(props: {
  infusion: InfusionDayRow;
  offset: number;
  onChanged: (i: InfusionDayRow) => void;
}) {
  const { infusion } = props;
  const now = useServerNow(props.offset);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  if (infusion.dischargedAt !== null) {
    return (
      <section className={styles.section} aria-label="Discharge">
        <p>
          Ended {infusion.endedAt ? formatInstant(infusion.endedAt) : '—'} · discharged{' '}
          {formatInstant(infusion.dischargedAt)}
          {infusion.dischargeOverrideReason !== null &&
            ` early, with an override: ${infusion.dischargeOverrideReason}`}
        </p>
      </section>
    );
  }
  const endsAt = infusion.observationEndsAt;
  const state = endsAt === null ? undefined : observation(endsAt, now);
  const discharge = async (reason?: string) => {
    const updated = await clinicApi.discharge(
      infusion.id,
      new Date(Date.now() + props.offset).toISOString(),
      reason,
    );
    props.onChanged(updated);
  };
  return (
    <section className={styles.section} aria-label="Observation">
      <h3>Observation after the infusion (INF-4)</h3>
      <p className={styles.muted}>
        Ended {infusion.endedAt ? formatInstant(infusion.endedAt) : '—'}
        {endsAt !== null && ` · observe until ${formatInstant(endsAt)}`}
      </p>
      {state && (
        <div
          className={state.kind === 'complete' ? `${styles.timer} ${styles.timerDone}` : styles.timer}
          role="timer"
          aria-label="Observation time remaining"
        >
          <span className={styles.clock}>{state.kind === 'observing' ? state.label : '0:00:00'}</span>
          <span>{state.kind === 'observing' ? 'remaining before discharge' : state.label}</span>
        </div>
      )}
      {failure !== undefined && (
        <ErrorState
          title="The patient was not discharged"
          message={messageOfError(failure)}
          action={remedy(failure)}
        />
      )}
      <div className={styles.buttons}>
        <Button
          isDisabled={busy || state?.kind !== 'complete'}
          onPress={() => {
            setBusy(true);
            setFailure(undefined);
            discharge().then(
              () => {
                setBusy(false);
              },
              (err: unknown) => {
                setBusy(false);
                setFailure(err);
              },
            );
          }}
        >
          Discharge
        </Button>
        {state?.kind === 'observing' && (
          <ReasonDialog
            trigger="Discharge early…"
            title="Discharge before the observation period ends"
            explanation={`The observation period ends at ${endsAt === null ? '—' : formatInstant(endsAt)}. Discharging earlier is an override: type why.`}
            confirm="Discharge early"
            variant="danger"
            onConfirm={(reason) => discharge(reason)}
          />
        )}
      </div>
    </section>
  );
}
