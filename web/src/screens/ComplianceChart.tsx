// Monitoring adherence per prescriber over time (REMS-ADHERENCE), one line each; a month with
// nothing due is a gap, not 0% or 100%. The numbers are also in the table beside it (the chart
// is hidden from assistive technology, the table is not).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ComplianceReport } from '../api/api.js';
import { chartRows } from '../lib/compliance.js';
import { COLORS } from '../ui/tokens.js';
import styles from './Oversight.module.css';

// Each passes 3:1 against the page (tokens.ts CONTRAST_PAIRS: chartLine, chartWarning, chartUrgent, chartCritical).
const PALETTE = [
  COLORS.chartLine,
  COLORS.chartWarning,
  COLORS.chartCritical,
  COLORS.chartUrgent,
  COLORS.text,
];
const DASHES = ['', '6 4', '2 3', '10 3 2 3', '1 0'];

export function ComplianceChart({ report }: { report: ComplianceReport }) {
  const rows = chartRows(report);
  return (
    <figure className={styles.chart} aria-labelledby="adherence-chart-title">
      <figcaption id="adherence-chart-title">
        <strong>Monitoring adherence by month</strong> (share of closed windows satisfied, %)
      </figcaption>
      <div className={styles.chartBox} aria-hidden="true">
        <ResponsiveContainer width="100%" height={320}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={COLORS.border} strokeDasharray="2 4" />
            <XAxis dataKey="month" tick={{ fill: COLORS.textMuted, fontSize: 11 }} minTickGap={12} />
            <YAxis domain={[0, 100]} unit="%" tick={{ fill: COLORS.textMuted, fontSize: 11 }} width={48} />
            <Tooltip formatter={(v) => `${String(v)}%`} />
            <Legend />
            {report.prescribers.map((p, i) => (
              <Line
                key={p.membershipId}
                type="monotone"
                dataKey={p.membershipId}
                name={p.name}
                stroke={PALETTE[i % PALETTE.length]}
                strokeDasharray={DASHES[i % DASHES.length]}
                strokeWidth={2}
                dot={{ r: 3 }}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
