// The program administrator's certification queue (issue #6; rems.md "Certification and
// enrollment"): prescribers, healthcare settings and pharmacies by status, with what each still
// lacks, and certify / suspend / reinstate / revoke in a dialog (a reason where the API requires
// one). The API decides every step; a refusal is shown as it answered.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { api, type CertificationEvent, type CertificationQueueItem } from '../api/api.js';
import { ApiError, messageOfError, remedy } from '../api/errors.js';
import { actionsFor, EVENT_LABEL, KIND_LABEL, needsReason } from '../lib/certification-queue.js';
import { useLoad } from '../lib/use-load.js';
import { Badge, StatusBadge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { Card, EmptyState, ErrorState } from '../ui/Card.js';
import { ModalDialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { Select } from '../ui/Select.js';
import { CursorPager, Table, type Column } from '../ui/Table.js';
import { formatInstant, Loaded } from './common.js';
import styles from './Oversight.module.css';

const KINDS = [
  { id: 'all', label: 'All kinds' },
  { id: 'prescriber', label: 'Prescribers' },
  { id: 'healthcare-setting', label: 'Healthcare settings' },
  { id: 'pharmacy', label: 'Pharmacies' },
];
const STATUSES = [
  { id: 'awaiting', label: 'Awaiting certification' },
  { id: 'certified', label: 'Certified' },
  { id: 'suspended', label: 'Suspended' },
  { id: 'revoked', label: 'Revoked' },
];

export function CertificationQueue() {
  const [kind, setKind] = useState('all');
  const [status, setStatus] = useState('awaiting');
  // Cursors of the pages before the current one, for "Newer".
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const key = `${kind}|${status}|${cursor ?? ''}`;
  const [load, reload] = useLoad(
    () =>
      api.certificationQueue({
        status,
        limit: 25,
        ...(kind === 'all' ? {} : { kind }),
        ...(cursor ? { cursor } : {}),
      }),
    key,
  );
  return (
    <>
      <h1>Certification queue</h1>
      <div className={styles.filters}>
        <Select
          label="Kind"
          options={KINDS}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setCursors([undefined]);
          }}
        />
        <Select
          label="Status"
          options={STATUSES}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setCursors([undefined]);
          }}
        />
      </div>
      <Card>
        <Loaded load={load} what="the certification queue" retry={reload} lines={6}>
          {(page) => (
            <Table
              caption={`${STATUSES.find((s) => s.id === status)?.label ?? status} (${page.items.length}${page.nextCursor ? '+' : ''})`}
              columns={columns(reload)}
              rows={page.items}
              rowKey={(c) => c.id}
              empty={<EmptyState title="Nothing here">No certification has this status.</EmptyState>}
              footer={
                cursors.length > 1 || page.nextCursor !== null ? (
                  <CursorPager
                    label={`Page ${cursors.length}`}
                    hasPrevious={cursors.length > 1}
                    hasNext={page.nextCursor !== null}
                    onPrevious={() => {
                      setCursors(cursors.slice(0, -1));
                    }}
                    onNext={() => {
                      setCursors([...cursors, page.nextCursor ?? undefined]);
                    }}
                  />
                ) : undefined
              }
            />
          )}
        </Loaded>
      </Card>
    </>
  );
}

function columns(reload: () => void): Column<CertificationQueueItem>[] {
  return [
    {
      key: 'subject',
      header: 'Subject',
      render: (c) => (
        <>
          <strong>{c.subjectName}</strong>
          <div className={styles.muted}>{KIND_LABEL[c.kind] ?? c.kind}</div>
        </>
      ),
    },
    { key: 'status', header: 'Status', render: (c) => <StatusBadge status={c.status} /> },
    { key: 'applied', header: 'Applied', render: (c) => formatInstant(c.appliedAt) },
    {
      key: 'requirements',
      header: 'Requirements',
      render: (c) => (
        <ul className={styles.requirements}>
          {c.requirements.map((r) => (
            <li key={r.item}>
              <Badge tone={r.status === 'met' ? 'ok' : 'warning'}>{r.status}</Badge> {r.message}{' '}
              <code>{r.rules.join(', ')}</code>
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'actions',
      header: 'Actions',
      render: (c) => (
        <div className={styles.actions}>
          {actionsFor(c.status).map((event) => (
            <TransitionDialog key={event} certification={c} event={event} onDone={reload} />
          ))}
        </div>
      ),
    },
  ];
}

function TransitionDialog(props: {
  certification: CertificationQueueItem;
  event: CertificationEvent;
  onDone: () => void;
}) {
  const { certification: c, event } = props;
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const label = EVENT_LABEL[event];
  return (
    <ModalDialog
      title={`${label} ${c.subjectName}`}
      onOpenChange={(open) => {
        if (open) {
          setReason('');
          setReasonError(undefined);
          setError(undefined);
        }
      }}
      trigger={
        <Button
          variant={event === 'revoke' || event === 'suspend' ? 'danger' : 'secondary'}
          size="small"
          aria-label={`${label} ${c.subjectName}`}
        >
          {label}…
        </Button>
      }
    >
      {(close) => (
        <Form
          validationBehavior="aria"
          onSubmit={(e) => {
            e.preventDefault();
            if (needsReason(event) && reason.trim() === '') {
              setReasonError(`A reason is required to ${event} a certification.`);
              return;
            }
            setBusy(true);
            setError(undefined);
            api.certificationTransition(c.id, event, reason).then(
              () => {
                setBusy(false);
                close();
                props.onDone();
              },
              (err: unknown) => {
                setBusy(false);
                const fields = err instanceof ApiError ? err.fieldErrors() : {};
                setReasonError(fields.reason);
                setError(fields.reason === undefined ? err : undefined);
              },
            );
          }}
        >
          <p>
            {KIND_LABEL[c.kind] ?? c.kind}, now <StatusBadge status={c.status} />.
          </p>
          {error !== undefined && (
            <ErrorState
              title={`Not ${event === 'revoke' ? 'revoked' : `${event}ed`}`}
              message={messageOfError(error)}
              action={remedy(error)}
            />
          )}
          <Field
            label={needsReason(event) ? 'Reason' : 'Reason (optional)'}
            description="Kept with the certification and in the audit log."
            multiline
            autoFocus
            value={reason}
            onChange={(v) => {
              setReason(v);
              setReasonError(undefined);
            }}
            error={reasonError}
          />
          <div className={styles.actions}>
            <Button
              type="submit"
              variant={event === 'revoke' || event === 'suspend' ? 'danger' : 'primary'}
              isDisabled={busy}
            >
              {busy ? 'Saving…' : label}
            </Button>
            <Button variant="secondary" onPress={close}>
              Cancel
            </Button>
          </div>
        </Form>
      )}
    </ModalDialog>
  );
}
