// The pharmacist's home (issue #6; rems.md "Authorization to dispense and to infuse"): the
// dispense check (authorization number, vials, destination setting) answered by the API with a
// big APPROVED / DENIED and every coded reason in words; after an approval, the dispense record
// (lot, vials, destination); and the dispenses recorded here. The decision is the API's
// (src/rems/dispense.ts): this screen never re-decides.
import { useState } from 'react';
import {
  clinicApi,
  type Dispense,
  type DispenseCheck,
  type DispenseListItem,
  type Organization,
} from '../api/clinic.js';
import { ApiError, messageOfError, remedy } from '../api/errors.js';
import { dispenseReasonTitle } from '../lib/dispensing.js';
import { useLoad } from '../lib/use-load.js';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { Card, EmptyState, ErrorState } from '../ui/Card.js';
import { Field } from '../ui/Field.js';
import { CursorPager, Table, type Column } from '../ui/Table.js';
import { formatInstant, Loaded } from './common.js';
import styles from './Clinic.module.css';

const PAGE_SIZE = 10;

export function Dispensing() {
  const [settings, reloadSettings] = useLoad(async () => (await clinicApi.settings()).items, 'settings');
  // Bumped after a dispense is approved or recorded, so the list below shows it.
  const [changes, setChanges] = useState(0);
  return (
    <>
      <h1>Dispensing</h1>
      <p className={styles.sub}>
        Check every order against the REMS before it leaves the pharmacy, then record what was shipped.
      </p>
      <Loaded load={settings} what="the certified settings" retry={reloadSettings} lines={4}>
        {(list) => (
          <CheckAndRecord
            settings={list}
            onChanged={() => {
              setChanges((n) => n + 1);
            }}
          />
        )}
      </Loaded>
      {settings.kind === 'ready' && <RecentDispenses settings={settings.data} changes={changes} />}
    </>
  );
}

function RecentDispenses(props: { settings: Organization[]; changes: number }) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const [load, reload] = useLoad(
    () => clinicApi.dispenses({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    `${cursor ?? ''}|${props.changes}`,
  );
  const settingName = (id: string) => props.settings.find((s) => s.id === id)?.name ?? id;
  const columns: Column<DispenseListItem>[] = [
    { key: 'at', header: 'Date', render: (d) => formatInstant(d.recordedAt ?? d.dispensedAt) },
    { key: 'auth', header: 'Authorization', render: (d) => <code>{d.authorizationNumber}</code> },
    { key: 'vials', header: 'Vials', render: (d) => d.vials },
    { key: 'lot', header: 'Lot', render: (d) => d.lot ?? '—' },
    {
      key: 'state',
      header: 'State',
      render: (d) => (
        <Badge tone={d.recordedAt === null ? 'warning' : 'ok'}>
          {d.recordedAt === null ? 'approved, not recorded' : 'recorded'}
        </Badge>
      ),
    },
    { key: 'to', header: 'Shipped to', render: (d) => settingName(d.destinationSettingOrganizationId) },
  ];
  return (
    <Card title="Recent dispenses">
      <Loaded load={load} what="this pharmacy’s dispenses" retry={reload} lines={4}>
        {(page) => (
          <Table
            caption="Dispenses of this pharmacy, newest first"
            columns={columns}
            rows={page.items}
            rowKey={(d) => d.id}
            empty={
              <EmptyState title="No dispenses yet">
                Approved checks and recorded dispenses appear here.
              </EmptyState>
            }
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
    </Card>
  );
}

function CheckAndRecord(props: { settings: Organization[]; onChanged: () => void }) {
  const certified = props.settings.filter((s) => s.certificationStatus === 'certified');
  const [number, setNumber] = useState('');
  const [vials, setVials] = useState('');
  const [destination, setDestination] = useState(certified[0]?.id ?? props.settings[0]?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<DispenseCheck | undefined>(undefined);
  const settingName = (id: string) => props.settings.find((s) => s.id === id)?.name ?? id;

  const submit = () => {
    const next: Record<string, string> = {};
    if (number.trim() === '') {
      next.authorizationNumber = 'Enter the authorization (case) number on the order.';
    }
    const n = Number(vials);
    if (vials.trim() === '' || !Number.isInteger(n) || n < 1) {
      next.vials = 'Enter the number of vials ordered (a whole number, 1 or more).';
    }
    if (destination === '') {
      next.destinationSettingId = 'Choose the setting the vials go to.';
    }
    setErrors(next);
    if (Object.keys(next).length > 0) {
      return;
    }
    setBusy(true);
    setFailure(undefined);
    setCheck(undefined);
    clinicApi
      .dispenseCheck({ authorizationNumber: number.trim(), vials: n, destinationSettingId: destination })
      .then(
        (answer) => {
          setBusy(false);
          setCheck(answer);
          props.onChanged();
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
    <>
      <Card title="Dispense check">
        <form
          aria-label="Dispense check"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className={styles.row}>
            <Field
              label="Authorization number"
              description="The case number on the order, e.g. DEMO-0002."
              value={number}
              onChange={(v) => {
                setNumber(v);
                setErrors({});
              }}
              error={errors.authorizationNumber}
            />
            <Field
              label="Vials requested"
              inputMode="numeric"
              value={vials}
              onChange={(v) => {
                setVials(v);
                setErrors({});
              }}
              error={errors.vials}
            />
          </div>
          <label className={styles.selectField}>
            Ship to (healthcare setting)
            <select
              className={styles.select}
              value={destination}
              onChange={(e) => {
                setDestination(e.target.value);
              }}
              aria-invalid={errors.destinationSettingId !== undefined}
            >
              {props.settings.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.certificationStatus ?? 'no certification'})
                </option>
              ))}
            </select>
            {errors.destinationSettingId !== undefined && (
              <span className={styles.formError}>{errors.destinationSettingId}</span>
            )}
          </label>
          {failure !== undefined && (
            <ErrorState
              title="The check was not made"
              message={messageOfError(failure)}
              action={remedy(failure)}
            />
          )}
          <div className={styles.buttons}>
            <Button type="submit" isDisabled={busy}>
              {busy ? 'Checking…' : 'Check order'}
            </Button>
          </div>
        </form>
      </Card>
      {check && (
        <CheckResult
          key={`${check.dispenseId ?? 'denied'}-${check.authorizationNumber ?? ''}-${check.vials}`}
          check={check}
          destination={destination}
          destinationName={settingName(destination)}
          onRecorded={props.onChanged}
        />
      )}
    </>
  );
}

function CheckResult(props: {
  check: DispenseCheck;
  destination: string;
  destinationName: string;
  onRecorded: () => void;
}) {
  const { check } = props;
  const approved = check.decision === 'approve';
  return (
    <section
      className={`${styles.verdict} ${approved ? styles.approved : styles.denied}`}
      aria-label="Dispense decision"
      role="status"
    >
      <h2>{approved ? 'APPROVED' : 'DENIED'}</h2>
      <p>
        {check.vials} vial{check.vials === 1 ? '' : 's'}
        {check.authorizationNumber !== null && (
          <>
            {' '}
            on authorization <code>{check.authorizationNumber}</code>
          </>
        )}{' '}
        to {props.destinationName}
        {check.vialsRemaining !== null &&
          ` · ${check.vialsRemaining} vial(s) left on the authorization after this check`}
      </p>
      {!approved && (
        <>
          <strong>Do not dispense. Reasons:</strong>
          <ul className={styles.reasons}>
            {check.reasons.map((r) => (
              <li key={r.code}>
                <strong>{dispenseReasonTitle(r.code)}</strong> — {r.message} <code>{r.code}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {approved && check.dispenseId !== null && (
        <RecordForm
          dispenseId={check.dispenseId}
          vials={check.vials}
          destination={props.destination}
          onRecorded={props.onRecorded}
        />
      )}
    </section>
  );
}

function RecordForm(props: {
  dispenseId: string;
  vials: number;
  destination: string;
  onRecorded: () => void;
}) {
  const [lot, setLot] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Dispense | undefined>(undefined);
  if (done) {
    return (
      <p>
        <strong>Dispense recorded</strong> {done.recordedAt ? formatInstant(done.recordedAt) : ''}:{' '}
        {done.vials} vial(s), lot {done.lot}.
      </p>
    );
  }
  return (
    <form
      aria-label="Record the dispense"
      onSubmit={(e) => {
        e.preventDefault();
        if (lot.trim() === '') {
          setErrors({ lot: 'Enter the lot number of the vials shipped (ADM-3).' });
          return;
        }
        setBusy(true);
        setFailure(undefined);
        clinicApi
          .recordDispense({
            dispenseId: props.dispenseId,
            lot: lot.trim(),
            vials: props.vials,
            destinationSettingId: props.destination,
          })
          .then(
            (d) => {
              setBusy(false);
              setDone(d);
              props.onRecorded();
            },
            (err: unknown) => {
              setBusy(false);
              setFailure(err);
              if (err instanceof ApiError) {
                setErrors(err.fieldErrors());
              }
            },
          );
      }}
    >
      <h3>Record the dispense</h3>
      <p>
        Ship {props.vials} vial{props.vials === 1 ? '' : 's'}, then record the lot. The vials are already
        taken from the authorization.
      </p>
      {failure !== undefined && (
        <ErrorState
          title="The dispense was not recorded"
          message={messageOfError(failure)}
          action={remedy(failure)}
        />
      )}
      <div className={styles.row}>
        <Field
          label="Lot number"
          value={lot}
          onChange={(v) => {
            setLot(v);
            setErrors({});
          }}
          error={errors.lot}
        />
      </div>
      <Button type="submit" isDisabled={busy}>
        {busy ? 'Recording…' : 'Record dispense'}
      </Button>
    </form>
  );
}
