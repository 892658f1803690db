// The patients the caller may see (the API scopes the list by role and relationship), searchable
// by name or ID. The API has no name search yet, so the list is fetched (up to 1,000) and searched
// here; the search text stays out of the URL (no identifying data in URLs, DESIGN.md 9).
import { useState } from 'react';
import { Link, SearchField, Input, Label } from 'react-aria-components';
import { allPages, api, MAX_PAGE, type Patient } from '../api/api.js';
import { PATHS } from '../app/routes.js';
import { useLoad } from '../lib/use-load.js';
import { StatusBadge } from '../ui/Badge.js';
import { Card, EmptyState } from '../ui/Card.js';
import fieldStyles from '../ui/Field.module.css';
import { Table, type Column } from '../ui/Table.js';
import { formatDate, Loaded, patientName } from './common.js';

const COLUMNS: Column<Patient>[] = [
  {
    key: 'name',
    header: 'Patient',
    render: (p) => <Link href={PATHS.patient(p.id)}>{patientName(p, p.id)}</Link>,
  },
  {
    key: 'born',
    header: 'Born',
    render: (p) => (p.demographics ? formatDate(p.demographics.birthDate) : '—'),
  },
  { key: 'program', header: 'Program', render: (p) => `${p.program} (${p.region})` },
  { key: 'status', header: 'Status', render: (p) => <StatusBadge status={p.status} /> },
  { key: 'id', header: 'ID', render: (p) => <code>{p.id}</code> },
];

export function matches(p: Patient, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') {
    return true;
  }
  const d = p.demographics;
  const haystack = [p.id, d?.givenName, d?.familyName, d ? `${d.givenName} ${d.familyName}` : undefined]
    .filter((s): s is string => s !== undefined)
    .map((s) => s.toLowerCase());
  return haystack.some((s) => s.includes(q));
}

export function PatientList() {
  const [load, reload] = useLoad(
    () => allPages((cursor) => api.patients({ limit: MAX_PAGE, ...(cursor ? { cursor } : {}) })),
    'patients',
  );
  const [query, setQuery] = useState('');
  return (
    <>
      <h1>Patients</h1>
      <Card>
        <SearchField className={fieldStyles.field} value={query} onChange={setQuery}>
          <Label className={fieldStyles.label}>Search by name or ID</Label>
          <Input className={fieldStyles.input} />
        </SearchField>
        <Loaded load={load} what="patients" retry={reload} lines={8}>
          {({ items, truncated }) => {
            const shown = items
              .filter((p) => matches(p, query))
              .sort((a, b) => patientName(a, a.id).localeCompare(patientName(b, b.id)));
            return (
              <>
                {truncated && <p>Only the first {items.length} patients are searched.</p>}
                <Table
                  key={query}
                  caption={
                    query.trim() === ''
                      ? `All patients (${shown.length})`
                      : `Matching patients (${shown.length})`
                  }
                  columns={COLUMNS}
                  rows={shown}
                  rowKey={(p) => p.id}
                  pageSize={20}
                  empty={
                    <EmptyState title={items.length === 0 ? 'No patients yet' : 'No patient matches'}>
                      {items.length === 0
                        ? 'Patients enrolled under you appear here.'
                        : 'Check the spelling or search by ID.'}
                    </EmptyState>
                  }
                />
              </>
            );
          }}
        </Loaded>
      </Card>
    </>
  );
}
