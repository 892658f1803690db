// A data table: a real <table> with a caption and column headers, scrollable sideways on narrow
// screens (the scroll region is focusable so keyboards can scroll it), paginated on the client
// (`pageSize`) or by the API's cursors (CursorPager).
import { useState, type ReactNode } from 'react';
import { Button } from './Button.js';
import styles from './Table.module.css';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
}

export interface TableProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Rows per page; all on one page when absent. */
  pageSize?: number;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** A pager of the API's own (cursor) pages, below the rows. */
  footer?: ReactNode;
}

export function Table<T>({ caption, columns, rows, rowKey, pageSize, empty, footer }: TableProps<T>) {
  const [page, setPage] = useState(0);
  if (rows.length === 0) {
    return <>{empty}</>;
  }
  const size = pageSize ?? rows.length;
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(page, pages - 1);
  const shown = rows.slice(current * size, current * size + size);
  return (
    <div className={styles.wrap} role="region" aria-label={caption} tabIndex={0}>
      <table className={styles.table}>
        <caption className={styles.caption}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key}>{c.render(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <CursorPager
          label={`Rows ${current * size + 1}–${current * size + shown.length} of ${rows.length}`}
          hasPrevious={current > 0}
          hasNext={current < pages - 1}
          onPrevious={() => {
            setPage(current - 1);
          }}
          onNext={() => {
            setPage(current + 1);
          }}
          previous="Previous"
          next="Next"
        />
      )}
      {footer}
    </div>
  );
}

/** Previous / next over the API's cursor pages (`nextCursor`). */
export function CursorPager(props: {
  label: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  /** The buttons' names: newest-first lists page "Newer"/"Older" (the default). */
  previous?: string;
  next?: string;
}) {
  return (
    <div className={styles.pager}>
      <span className={styles.pagerText} aria-live="polite">
        {props.label}
      </span>
      <span className={styles.pagerButtons}>
        <Button variant="secondary" size="small" isDisabled={!props.hasPrevious} onPress={props.onPrevious}>
          {props.previous ?? 'Newer'}
        </Button>
        <Button variant="secondary" size="small" isDisabled={!props.hasNext} onPress={props.onNext}>
          {props.next ?? 'Older'}
        </Button>
      </span>
    </div>
  );
}
