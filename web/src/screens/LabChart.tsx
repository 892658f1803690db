// A trend chart of one analyte: the results, the lab's reference range (shaded) and the program's
// alert thresholds (dashed lines labelled with their severity), with the values as a table for
// anyone who cannot use the chart.
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Point, Range, ThresholdLine } from '../lib/lab-series.js';
import { COLORS } from '../ui/tokens.js';
import { formatDate } from './common.js';
import styles from './PatientPage.module.css';

const SEVERITY_COLOR: Record<string, string> = {
  info: COLORS.chartLine,
  warning: COLORS.chartWarning,
  urgent: COLORS.chartUrgent,
  critical: COLORS.chartCritical,
};

function domainOf(
  points: readonly Point[],
  range: Range | null,
  lines: readonly ThresholdLine[],
): [number, number] {
  const values = [
    ...points.map((p) => p.value),
    ...lines.map((l) => l.value),
    ...(range?.low === null || range?.low === undefined ? [] : [range.low]),
    ...(range?.high === null || range?.high === undefined ? [] : [range.high]),
  ];
  const max = Math.max(...values);
  const min = Math.min(0, ...values);
  return [min, Number((max * 1.1).toPrecision(2))];
}

export function LabChart(props: {
  title: string;
  points: readonly Point[];
  range: Range | null;
  thresholds: readonly ThresholdLine[];
}) {
  const { points, range, thresholds } = props;
  const unit = points[0]?.unit ?? '';
  const data = points.map((p) => ({ t: Date.parse(`${p.date}T00:00:00Z`), value: p.value, date: p.date }));
  const headingId = `chart-${props.title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <figure className={styles.chart} aria-labelledby={headingId}>
      <figcaption id={headingId} className={styles.chartTitle}>
        {props.title} <span className={styles.unit}>{unit}</span>
      </figcaption>
      {points.length === 0 ? (
        <p className={styles.noData}>No results yet.</p>
      ) : (
        <>
          <div className={styles.chartBox} aria-hidden="true">
            <ResponsiveContainer width="100%" height={200}>
              <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                <CartesianGrid stroke={COLORS.border} strokeDasharray="2 4" />
                <XAxis
                  dataKey="t"
                  type="number"
                  scale="time"
                  domain={['dataMin', 'dataMax']}
                  tickFormatter={(t: number) => formatDate(new Date(t).toISOString().slice(0, 10))}
                  tick={{ fill: COLORS.textMuted, fontSize: 11 }}
                  minTickGap={24}
                />
                <YAxis
                  domain={domainOf(points, range, thresholds)}
                  tick={{ fill: COLORS.textMuted, fontSize: 11 }}
                  width={44}
                />
                {range && (
                  <ReferenceArea
                    y1={range.low ?? undefined}
                    y2={range.high ?? undefined}
                    fill={COLORS.chartReference}
                    fillOpacity={0.8}
                    ifOverflow="extendDomain"
                  />
                )}
                {thresholds.map((l) => (
                  <ReferenceLine
                    key={`${l.direction}-${l.value}`}
                    y={l.value}
                    stroke={SEVERITY_COLOR[l.severity] ?? COLORS.chartLine}
                    strokeDasharray="6 4"
                    label={{
                      value: `${l.severity} ${l.direction === 'below' ? '<' : '>'} ${l.value}`,
                      position: 'insideTopRight',
                      fill: SEVERITY_COLOR[l.severity] ?? COLORS.text,
                      fontSize: 10,
                    }}
                  />
                ))}
                <Tooltip
                  labelFormatter={(t) => formatDate(new Date(Number(t)).toISOString().slice(0, 10))}
                  formatter={(v) => [`${String(v)} ${unit}`, props.title]}
                />
                <Line
                  type="monotone"
                  dataKey="value"
                  stroke={COLORS.chartLine}
                  strokeWidth={2}
                  dot={{ r: 3 }}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <details className={styles.values}>
            <summary>Values</summary>
            <ul>
              {points.map((p, i) => (
                <li key={i}>
                  {formatDate(p.date)}: {p.value} {p.unit}
                </li>
              ))}
              {range && (
                <li>
                  Reference range: {range.low ?? '—'} to {range.high ?? '—'} {unit}
                </li>
              )}
              {thresholds.map((l) => (
                <li key={`${l.direction}-${l.value}`}>
                  Alert ({l.severity}) {l.direction} {l.value} {unit}
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </figure>
  );
}
