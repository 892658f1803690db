// The audit log for the program operator (rems.md "Audit"): newest first, a page at a time by
// the API's cursors, filterable by action, and "Verify chain", which walks the whole log and
// names the first broken entry (POST /audit/verify).
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { api, type AuditEntry, type AuditVerification } from '../api/api.js';
import { messageOfError, remedy } from '../api/errors.js';
import { useLoad } from '../lib/use-load.js';
import { Badge, StatusBadge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { Card, EmptyState, ErrorState } from '../ui/Card.js';
import { Field } from '../ui/Field.js';
import { CursorPager, Table, type Column } from '../ui/Table.js';
import { formatInstant, Loaded } from './common.js';

const PAGE_SIZE = 50;

const COLUMNS: Column<AuditEntry>[] = [
  { key: 'seq', header: '#', render: (e) => e.seq },
  {
    key: 'at',
    header: 'When',
    render: (e) => <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(e.at)}</span>,
  },
  { key: 'action', header: 'Action', render: (e) => <code>{e.action}</code> },
  {
    key: 'who',
    header: 'Who',
    render: (e) => (e.actorUserId === null ? 'system' : `${e.role ?? ''} ${e.actorUserId}`),
  },
  {
    key: 'target',
    header: 'Target',
    render: (e) => (e.targetId === null ? e.targetType : `${e.targetType} ${e.targetId}`),
  },
  {
    key: 'decision',
    header: 'Decision',
    render: (e) =>
      e.decision === null || e.decision === undefined ? (
        '—'
      ) : (
        <code style={{ wordBreak: 'break-all' }}>{JSON.stringify(e.decision)}</code>
      ),
  },
  { key: 'hash', header: 'Hash', render: (e) => <code title={e.hash}>{e.hash.slice(0, 12)}…</code> },
];

export function AuditLog() {
  // cursors[i] is the cursor of page i (undefined for the newest page).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [filter, setFilter] = useState('');
  const [applied, setApplied] = useState('');
  const pageIndex = cursors.length - 1;
  const cursor = cursors[pageIndex];
  const [load, reload] = useLoad(
    () =>
      api.audit({
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
        ...(applied === '' ? {} : { action: applied }),
      }),
    `${applied}|${cursor ?? ''}`,
  );
  return (
    <>
      <h1>Audit log</h1>
      <Verify />
      <Card>
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            setApplied(filter.trim());
            setCursors([undefined]);
          }}
          style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}
        >
          <div style={{ flex: '1 1 240px' }}>
            <Field
              label="Action starts with"
              placeholder="alert. or auth.login"
              value={filter}
              onChange={setFilter}
            />
          </div>
          <div style={{ marginBottom: 16 }}>
            <Button type="submit" variant="secondary">
              Filter
            </Button>
          </div>
        </Form>
        <Loaded load={load} what="the audit log" retry={reload} lines={10}>
          {(page) => (
            <Table
              caption={
                applied === '' ? 'Entries, newest first' : `Entries whose action starts with “${applied}”`
              }
              columns={COLUMNS}
              rows={page.items}
              rowKey={(e) => String(e.seq)}
              empty={<EmptyState title="No entries" />}
              footer={
                <CursorPager
                  label={`Page ${pageIndex + 1}`}
                  hasPrevious={pageIndex > 0}
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
    </>
  );
}

function Verify() {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; result: AuditVerification }
    | { kind: 'failed'; error: unknown }
  >({ kind: 'idle' });
  const verify = () => {
    setState({ kind: 'busy' });
    api.verifyAudit().then(
      (result) => {
        setState({ kind: 'done', result });
      },
      (error: unknown) => {
        setState({ kind: 'failed', error });
      },
    );
  };
  return (
    <Card
      title="Chain verification"
      actions={
        <Button onPress={verify} isDisabled={state.kind === 'busy'}>
          {state.kind === 'busy' ? 'Verifying…' : 'Verify chain'}
        </Button>
      }
    >
      <div aria-live="polite">
        {state.kind === 'idle' && (
          <p>
            Every entry's hash covers its contents and its predecessor's hash. Verify to recompute them all.
          </p>
        )}
        {state.kind === 'failed' && (
          <ErrorState
            title="Verification did not run"
            message={messageOfError(state.error)}
            action={remedy(state.error)}
          />
        )}
        {state.kind === 'done' && state.result.status === 'intact' && (
          <p>
            <StatusBadge status="intact" /> {state.result.count} entries verified at{' '}
            {formatInstant(state.result.verifiedAt)}.
            {state.result.head && (
              <>
                {' '}
                Head: entry {state.result.head.seq}, hash{' '}
                <code style={{ wordBreak: 'break-all' }}>{state.result.head.hash}</code>. Keep it elsewhere:
                entries removed from the end cannot be seen from inside the chain.
              </>
            )}
          </p>
        )}
        {state.kind === 'done' && state.result.status === 'broken' && (
          <>
            <p>
              <Badge tone="critical">broken</Badge> The chain breaks at entry {state.result.brokenAt}:{' '}
              {state.result.reason}.
            </p>
            <p>Preserve the database as it is and report this to the program's security officer.</p>
          </>
        )}
      </div>
    </Card>
  );
}
