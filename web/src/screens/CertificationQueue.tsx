// The program administrator's certification queue (issue #6; rems.md "Certification and
// enrollment"): prescribers, healthcare settings and pharmacies by status, with what each still
// lacks, and certify / suspend / reinstate / revoke in a dialog (a reason where the API requires
// one). The API decides every step; a refusal is shown as it answered.
import { useState } from 'react';
import { api, type CertificationEvent, type CertificationQueueItem } from '../api/api.js';
import { actionsFor, EVENT_LABEL, KIND_LABEL, needsReason } from '../lib/certification-queue.js';
import { useLoad } from '../lib/use-load.js';
import { Badge, StatusBadge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { Card, EmptyState } from '../ui/Card.js';
import { NoteDialog } from '../ui/Dialog.js';
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
  const label = EVENT_LABEL[event];
  const danger = event === 'revoke' || event === 'suspend';
  return (
    <NoteDialog
      title={`${label} ${c.subjectName}`}
      trigger={
        <Button
          variant={danger ? 'danger' : 'secondary'}
          size="small"
          aria-label={`${label} ${c.subjectName}`}
        >
          {label}…
        </Button>
      }
      intro={
        <p>
          {KIND_LABEL[c.kind] ?? c.kind}, now <StatusBadge status={c.status} />.
        </p>
      }
      label={needsReason(event) ? 'Reason' : 'Reason (optional)'}
      description="Kept with the certification and in the audit log."
      required={needsReason(event) ? `A reason is required to ${event} a certification.` : undefined}
      field="reason"
      failedTitle={`Not ${event === 'revoke' ? 'revoked' : `${event}ed`}`}
      submit={label}
      busy="Saving…"
      submitVariant={danger ? 'danger' : 'primary'}
      onSubmit={(reason) => api.certificationTransition(c.id, event, reason)}
      onDone={props.onDone}
    />
  );
}
