// The patient's Patient Status Forms on the patient page (issue #6; REMS-STATUS-FORM): each
// form's period and status, and for one due or overdue, the form prefilled from the record
// (GET /status-forms/:id) to review and sign in a dialog. The prescriber signs; the API refuses a
// delegate and names any question it does not accept.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { api, type StatusForm, type StatusFormDetail } from '../api/api.js';
import { ApiError, messageOfError, remedy } from '../api/errors.js';
import { statusFormsToFile } from '../lib/worklist.js';
import { useLoad } from '../lib/use-load.js';
import { StatusBadge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { Card, EmptyState, ErrorState, Skeleton } from '../ui/Card.js';
import { ModalDialog } from '../ui/Dialog.js';
import { Select } from '../ui/Select.js';
import { Table } from '../ui/Table.js';
import { formatDate, Loaded } from './common.js';
import styles from './PatientRems.module.css';

export function StatusFormsCard(props: { patientId: string; maySign: boolean }) {
  const [load, reload] = useLoad(() => api.patientStatusForms(props.patientId), `stf-${props.patientId}`);
  return (
    <Card title="Patient Status Forms">
      <Loaded load={load} what="the status forms" retry={reload} lines={3}>
        {({ items }) => {
          const open = new Set(statusFormsToFile(items).map((f) => f.id));
          const rows = [...items].sort((a, b) => b.dueOn.localeCompare(a.dueOn));
          return (
            <Table
              caption={`Status forms (${open.size} to file)`}
              columns={[
                { key: 'due', header: 'Due', render: (f: StatusForm) => formatDate(f.dueOn) },
                {
                  key: 'period',
                  header: 'Period',
                  render: (f: StatusForm) => `${formatDate(f.periodStart)} – ${formatDate(f.periodEnd)}`,
                },
                {
                  key: 'status',
                  header: 'Status',
                  render: (f: StatusForm) => <StatusBadge status={f.status} />,
                },
                {
                  key: 'file',
                  header: 'File',
                  render: (f: StatusForm) =>
                    open.has(f.id) && props.maySign ? <FileDialog form={f} onFiled={reload} /> : null,
                },
              ]}
              rows={rows}
              rowKey={(f) => f.id}
              pageSize={8}
              empty={<EmptyState title="No status forms yet">They start with the first infusion.</EmptyState>}
            />
          );
        }}
      </Loaded>
    </Card>
  );
}

function FileDialog(props: { form: StatusForm; onFiled: () => void }) {
  const [detail, setDetail] = useState<
    { kind: 'loading' } | { kind: 'failed'; error: unknown } | { kind: 'ready'; data: StatusFormDetail }
  >({ kind: 'loading' });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const open = () => {
    setDetail({ kind: 'loading' });
    setError(undefined);
    api.statusForm(props.form.id).then(
      (data) => {
        setDetail({ kind: 'ready', data });
        // Prefilled from the record; the prescriber reviews each answer before signing.
        setAnswers(
          Object.fromEntries(
            data.prefill.questions.flatMap((q) => (q.prefill === null ? [] : [[q.id, q.prefill]])),
          ),
        );
      },
      (err: unknown) => {
        setDetail({ kind: 'failed', error: err });
      },
    );
  };
  return (
    <ModalDialog
      title={`Patient Status Form due ${formatDate(props.form.dueOn)}`}
      onOpenChange={(isOpen) => {
        if (isOpen) {
          open();
        }
      }}
      trigger={
        <Button
          size="small"
          variant="secondary"
          aria-label={`File the status form due ${formatDate(props.form.dueOn)}`}
        >
          File…
        </Button>
      }
    >
      {(close) => {
        switch (detail.kind) {
          case 'loading':
            return <Skeleton lines={4} label="Loading the form…" />;
          case 'failed':
            return (
              <ErrorState
                title="Could not load the form"
                message={messageOfError(detail.error)}
                action={remedy(detail.error)}
                onRetry={open}
              />
            );
          case 'ready': {
            const p = detail.data.prefill;
            return (
              <Form
                validationBehavior="aria"
                onSubmit={(e) => {
                  e.preventDefault();
                  setBusy(true);
                  setError(undefined);
                  api.fileStatusForm(props.form.id, answers).then(
                    () => {
                      setBusy(false);
                      close();
                      props.onFiled();
                    },
                    (err: unknown) => {
                      setBusy(false);
                      setError(err);
                    },
                  );
                }}
              >
                <p className={styles.muted}>
                  Period {formatDate(props.form.periodStart)} – {formatDate(props.form.periodEnd)} ·{' '}
                  {p.alerts.length} alert{p.alerts.length === 1 ? '' : 's'} and {p.adverseEvents.length}{' '}
                  adverse event
                  {p.adverseEvents.length === 1 ? '' : 's'} in the period · <code>REMS-STATUS-FORM</code>
                </p>
                {error !== undefined && (
                  <ErrorState
                    title="The form was not filed"
                    message={messageOfError(error)}
                    action={remedy(error)}
                  />
                )}
                {p.questions.map((q) => (
                  <Select
                    key={q.id}
                    label={q.text}
                    options={q.options}
                    value={answers[q.id] ?? null}
                    onChange={(v) => {
                      setAnswers({ ...answers, [q.id]: v });
                    }}
                    description={
                      q.prefill === null
                        ? `No prefill (${q.rules.join(', ')})`
                        : `Prefilled from the record (${q.rules.join(', ')})`
                    }
                    error={fieldErrors[`answers.${q.id}`]}
                  />
                ))}
                <div className={styles.row}>
                  <Button type="submit" isDisabled={busy}>
                    {busy ? 'Filing…' : 'Sign and file'}
                  </Button>
                  <Button variant="secondary" onPress={close}>
                    Cancel
                  </Button>
                </div>
              </Form>
            );
          }
        }
      }}
    </ModalDialog>
  );
}
