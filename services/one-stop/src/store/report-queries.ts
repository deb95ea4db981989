import type { Pool } from '@motlan/db';
import type { ReportCounts } from '../domain/report.ts';

/**
 * Counts per procedure and unit for [from, to), as of `asOf` (the end of the period, or now for a
 * period not over yet). In progress: received before the end and not finished by `asOf`; past its
 * limit when its due time passed before `asOf` (or before the clock stopped, while paused).
 */
export async function reportCounts(
  pool: Pool,
  period: {
    from: Date;
    to: Date;
    asOf: Date;
    procedureCode?: string | undefined;
    unitCode?: string | undefined;
  },
): Promise<ReportCounts[]> {
  const { rows } = await pool.query<Record<string, string | null>>(
    `WITH scoped AS (
       SELECT d.*, r.score, r.rated_at,
         d.closed_at IS NOT NULL AND d.closed_at >= $1 AND d.closed_at < $2 AS closed_in_period,
         d.received_at >= $1 AND d.received_at < $2 AS received_in_period,
         d.received_at < $2 AND (d.closed_at IS NULL OR d.closed_at >= $3) AS open_at_end,
         CASE WHEN d.status = 'supplement_requested' AND d.paused_at IS NOT NULL
              THEN d.due_at < d.paused_at ELSE d.due_at < $3 END AS past_limit
       FROM dossiers d LEFT JOIN dossier_ratings r ON r.dossier_id = d.id
       WHERE d.received_at < $2
         AND ($4::text IS NULL OR d.procedure_code = $4)
         AND ($5::text IS NULL OR d.unit_code = $5)
     )
     SELECT procedure_code, unit_code,
       count(*) FILTER (WHERE received_in_period) AS received,
       count(*) FILTER (WHERE closed_in_period AND status IN ('resolved', 'rejected')) AS resolved,
       count(*) FILTER (WHERE closed_in_period AND status = 'rejected') AS rejected,
       count(*) FILTER (WHERE closed_in_period AND status IN ('resolved', 'rejected') AND closed_at <= due_at) AS on_time,
       count(*) FILTER (WHERE closed_in_period AND status IN ('resolved', 'rejected') AND closed_at > due_at) AS late,
       count(*) FILTER (WHERE closed_in_period AND status = 'withdrawn') AS withdrawn,
       count(*) FILTER (WHERE open_at_end AND NOT past_limit) AS in_progress_within,
       count(*) FILTER (WHERE open_at_end AND past_limit) AS in_progress_past,
       coalesce(sum(required_count) FILTER (WHERE received_in_period), 0) AS required_facts,
       coalesce(sum(prefilled_count) FILTER (WHERE received_in_period), 0) AS prefilled_facts,
       count(score) FILTER (WHERE rated_at >= $1 AND rated_at < $2) AS ratings,
       coalesce(sum(score) FILTER (WHERE rated_at >= $1 AND rated_at < $2), 0) AS rating_sum,
       ${[1, 2, 3, 4, 5].map((s) => `count(*) FILTER (WHERE score = ${s} AND rated_at >= $1 AND rated_at < $2) AS rated_${s}`).join(',\n       ')}
     FROM scoped
     GROUP BY procedure_code, unit_code
     ORDER BY procedure_code, unit_code`,
    [period.from, period.to, period.asOf, period.procedureCode ?? null, period.unitCode ?? null],
  );
  const n = (value: string | null | undefined) => Number(value ?? 0);
  return rows
    .map((row) => ({
      procedureCode: row['procedure_code']!,
      unitCode: row['unit_code']!,
      received: n(row['received']),
      resolved: n(row['resolved']),
      rejected: n(row['rejected']),
      resolvedOnTime: n(row['on_time']),
      resolvedLate: n(row['late']),
      withdrawn: n(row['withdrawn']),
      inProgressWithinLimit: n(row['in_progress_within']),
      inProgressPastLimit: n(row['in_progress_past']),
      requiredFacts: n(row['required_facts']),
      prefilledFacts: n(row['prefilled_facts']),
      ratings: n(row['ratings']),
      ratingSum: n(row['rating_sum']),
      ratingDistribution: [1, 2, 3, 4, 5].map((score) => n(row[`rated_${score}`])),
    }))
    .filter(
      (row) =>
        row.received +
          row.resolved +
          row.withdrawn +
          row.inProgressWithinLimit +
          row.inProgressPastLimit +
          row.ratings >
        0,
    );
}
